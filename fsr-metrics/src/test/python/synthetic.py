"""Deterministic synthetic images shared with the Java tests (SyntheticImages.java).

Both sides use the same 31-bit LCG and integer formulas, so they build bit-identical uint8
images without any file in the repository.
"""
import numpy as np


class Lcg:
    """x <- (1103515245 x + 12345) mod 2^31; next() returns bits 16..30 (0..32767)."""

    def __init__(self, seed):
        self.state = seed & 0x7FFFFFFF

    def next(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state >> 16


def reference_image(h, w, seed):
    """uint8 HWC RGB: ramps + 4x4 checker + LCG noise in [0, 15]; filled c, y, x order."""
    rng = Lcg(seed)
    img = np.zeros((h, w, 3), dtype=np.uint8)
    for c in range(3):
        for y in range(h):
            for x in range(w):
                checker = ((x // 4 + y // 4) % 2) * 40
                v = 30 + x + 2 * y + 15 * c + checker + rng.next() % 16
                img[y, x, c] = min(255, max(0, v))
    return img


def distorted(ref, amplitude, seed):
    """uint8 HWC: ref + uniform integer noise in [-amplitude, amplitude], clamped; c, y, x order."""
    rng = Lcg(seed)
    h, w, _ = ref.shape
    out = np.zeros_like(ref)
    for c in range(3):
        for y in range(h):
            for x in range(w):
                v = int(ref[y, x, c]) + rng.next() % (2 * amplitude + 1) - amplitude
                out[y, x, c] = min(255, max(0, v))
    return out


def plane(h, w, seed):
    """float64 HW plane with LCG values in [0, 255] (for resize references)."""
    rng = Lcg(seed)
    p = np.zeros((h, w))
    for y in range(h):
        for x in range(w):
            p[y, x] = rng.next() % 256
    return p


# The pairs the Java test uses: (name, height, width, ref seed, noise amplitude, noise seed)
PAIRS = [
    ("noisy", 48, 40, 1, 20, 2),
    ("mild", 40, 52, 3, 4, 4),
]
