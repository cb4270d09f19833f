"""Bicubic x8 baseline on FSRNet's CelebA-1000 test faces, for docs/metrics.md.

For each 128x128 face: shrink to 16x16, store as uint8, enlarge to 128x128, store as uint8; then
Y-PSNR and Y-SSIM (skimage, Y from rgb2ycbcr, SSIM gaussian sigma 1.5, data_range 255) against
the original. Resizers: Pillow's Image.resize(BICUBIC) (antialiased) and the numpy MATLAB
imresize of reference_resize.py (what fsr-metrics' MatlabResize implements), both as MATLAB does
it for uint8 images (rounded after each pass, BicubicRoundTrip with quantize=true) and in double
precision rounded only after each resize.

Run: /usr/bin/python3 fsr-metrics/src/test/python/celeba_bicubic_baseline.py [HR_DIR]
"""
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from skimage.color import rgb2ycbcr
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from reference_resize import imresize

hr_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/fsrnet-test/celeba-1000/hr")


def matlab_round_trip(hr, uint8):
    """uint8=True: MATLAB on uint8 images (rounded after each pass); False: rounded after each resize."""
    def resize(img, **kw):
        out = np.stack([imresize(img[..., c].astype(np.float64), uint8=uint8, **kw) for c in range(3)], -1)
        return np.clip(np.floor(out + 0.5), 0, 255).astype(np.uint8)
    lr = resize(hr, scale=1 / 8)
    return resize(lr, size=hr.shape[:2])


def pillow_round_trip(img):
    w, h = img.size
    return np.asarray(img.resize((w // 8, h // 8), Image.BICUBIC).resize((w, h), Image.BICUBIC))


def y(a):
    return rgb2ycbcr(a)[..., 0]


res = {"pillow": [], "matlab_uint8": [], "matlab_double_rounded_per_step": []}
files = sorted(p for p in hr_dir.iterdir() if p.suffix in (".jpg", ".png"))
for f in files:
    img = Image.open(f).convert("RGB")
    hr = np.asarray(img)
    for name, out in (("pillow", pillow_round_trip(img)), ("matlab_uint8", matlab_round_trip(hr, True)),
                      ("matlab_double_rounded_per_step", matlab_round_trip(hr, False))):
        yh, yo = y(hr), y(out)
        res[name].append((peak_signal_noise_ratio(yh, yo, data_range=255),
                          structural_similarity(yh, yo, gaussian_weights=True, sigma=1.5,
                                                use_sample_covariance=False, data_range=255)))
for name, v in res.items():
    v = np.array(v)
    print(f"{name}: n={len(v)} Y-PSNR {v[:, 0].mean():.4f} dB  Y-SSIM {v[:, 1].mean():.5f}")
