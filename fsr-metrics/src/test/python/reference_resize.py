"""Reference values for dev.facesr.metrics.image.MatlabResizeTest.

An independent numpy transcription of MATLAB's imresize.m (bicubic): the `contributions`
function (cubic kernel a=-0.5, kernel stretched by 1/scale when shrinking with antialiasing,
u = x/scale + 0.5(1 - 1/scale), ceil(width)+2 taps, normalised weights, symmetric padding
aux = [1..n, n..1], zero-weight columns dropped) applied as a weight matrix, dimension with the
smaller scale first (stable sort, so rows first on ties). Written from the MATLAB algorithm, not
from the Java code. Also checks the interior of each result against Pillow's float ("F" mode)
BICUBIC resize, which uses the same kernel and antialiasing but different borders.

Run: /usr/bin/python3 fsr-metrics/src/test/python/reference_resize.py
"""
import math

import numpy as np
from PIL import Image

from synthetic import plane


def cubic(x):
    ax = np.abs(x)
    ax2, ax3 = ax ** 2, ax ** 3
    return ((1.5 * ax3 - 2.5 * ax2 + 1) * (ax <= 1)
            + (-0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2) * ((ax > 1) & (ax <= 2)))


def contributions(in_len, out_len, scale, kernel_width=4.0):
    if scale < 1:
        h = lambda x: scale * cubic(scale * x)
        kernel_width = kernel_width / scale
    else:
        h = cubic
    x = np.arange(1, out_len + 1, dtype=np.float64)[:, None]
    u = x / scale + 0.5 * (1 - 1 / scale)
    left = np.floor(u - kernel_width / 2)
    p = int(math.ceil(kernel_width)) + 2
    ind = left + np.arange(p)[None, :]
    weights = h(u - ind)
    weights = weights / weights.sum(axis=1, keepdims=True)
    aux = np.concatenate([np.arange(1, in_len + 1), np.arange(in_len, 0, -1)])
    ind = aux[np.mod(ind.astype(np.int64) - 1, len(aux))]
    keep = np.any(weights != 0, axis=0)
    return weights[:, keep], ind[:, keep] - 1  # 0-based


def matrix(in_len, out_len, scale):
    w, ind = contributions(in_len, out_len, scale)
    m = np.zeros((out_len, in_len))
    for o in range(out_len):
        for k in range(w.shape[1]):
            m[o, ind[o, k]] += w[o, k]
    return m


def to_uint8(a):
    """MATLAB's double -> uint8: round half away from zero, saturate (values here are >= -0.5)."""
    return np.clip(np.floor(a + 0.5), 0, 255)


def imresize(img, scale=None, size=None, uint8=False):
    """MATLAB imresize, bicubic. uint8=True mimics a uint8 input: imresizemex returns the input's
    class after each dimension, so the intermediate and the result are rounded and saturated."""
    h, w = img.shape
    if size is None:
        size = (math.ceil(h * scale), math.ceil(w * scale))
        scales = (scale, scale)
    else:
        scales = (size[0] / h, size[1] / w)
    out = img
    for dim in np.argsort(scales, kind="stable"):
        if dim == 0:
            out = matrix(h, size[0], scales[0]) @ out
        else:
            out = out @ matrix(w, size[1], scales[1]).T
        if uint8:
            out = to_uint8(out)
    return out


def pillow_interior_diff(img, out, margin):
    pil = Image.fromarray(img.astype(np.float32), mode="F").resize(
        (out.shape[1], out.shape[0]), Image.BICUBIC)
    p = np.asarray(pil, dtype=np.float64)
    m = margin
    return np.max(np.abs(p[m:-m, m:-m] - out[m:-m, m:-m]))


if __name__ == "__main__":
    CASES = [
        # name, h, w, seed, scale or None, size or None
        ("HALF", 10, 13, 7, 0.5, None),
        ("DOUBLE", 10, 13, 7, 2.0, None),
        ("X6_4", 10, 13, 7, 6.4, None),
        ("EIGHTH", 32, 40, 9, 0.125, None),
        ("HALF_BIG", 40, 48, 11, 0.5, None),
        ("SIZE_7X9", 10, 13, 7, None, (7, 9)),
        ("SIZE_5X26", 10, 13, 7, None, (5, 26)),
        ("UINT8_SIZE_7X9", 10, 13, 7, None, (7, 9)),
        ("UINT8_X6_4", 10, 13, 7, 6.4, None),
    ]

    for name, h, w, seed, scale, size in CASES:
        src = plane(h, w, seed)
        out = imresize(src, scale, size, uint8=name.startswith("UINT8"))
        print(f"    // {name}: {h}x{w} seed {seed} -> {out.shape[0]}x{out.shape[1]}")
        print(f"    static final int[] {name}_SHAPE = {{{out.shape[0]}, {out.shape[1]}}};")
        print(f"    static final double {name}_SUM = {out.sum():.10f};")
        pts = [(0, 0), (out.shape[0] - 1, out.shape[1] - 1), (out.shape[0] // 2, out.shape[1] // 3),
               (1, out.shape[1] - 2)]
        print(f"    static final double[][] {name}_SAMPLES = {{"
              + ", ".join(f"{{{y}, {x}, {out[y, x]:.10f}}}" for y, x in pts) + "};")
        # Cross-check against Pillow where MATLAB's mirrored borders cannot reach.
        if scale is not None and abs(h * scale - round(h * scale)) < 1e-9 and abs(w * scale - round(w * scale)) < 1e-9:
            margin = int(math.ceil(3 * max(scale, 1 / scale))) + 1
            if out.shape[0] > 2 * margin and out.shape[1] > 2 * margin:
                print(f"    // Pillow F-mode BICUBIC interior (margin {margin}) max |diff| = "
                      f"{pillow_interior_diff(src, out, margin):.2e}")

    # Known weights: shrinking by 1/2 uses 8 taps of the kernel stretched by 2.
    w, ind = contributions(8, 4, 0.5)
    print("    // contributions(8, 4, 0.5), output pixel 2 (0-based 1):")
    print("    static final double[] HALF_WEIGHTS_ROW1 = {" + ", ".join(f"{v:.12f}" for v in w[1]) + "};")
    print("    static final int[] HALF_INDICES_ROW1 = {" + ", ".join(str(v) for v in ind[1]) + "};")
