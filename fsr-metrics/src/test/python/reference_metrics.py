"""Reference PSNR / SSIM values for dev.facesr.metrics.ReferenceValuesTest.

Run with Debian's Python (python3-skimage 0.19.3, numpy 1.24.2):
    /usr/bin/python3 fsr-metrics/src/test/python/reference_metrics.py
and paste the printed constants into ReferenceValuesTest.java.

PSNR: skimage.metrics.peak_signal_noise_ratio(hr, sr, data_range=255) on float64 arrays.
Y:    skimage.color.rgb2ycbcr(uint8 RGB)[..., 0] (= 16 + 65.481 R + 128.553 G + 24.966 B, R,G,B in
      [0,1]; MATLAB's rgb2ycbcr for double input), not rounded.
SSIM: skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
      use_sample_covariance=False, data_range=255), channel_axis=-1 for the channel mean.
Also printed: the values a wrong implementation would give (sigma 1.0, 7x7 uniform window,
full-range Y 0.299/0.587/0.114, K1/K2 swapped to 0.03/0.01), so the test can check they differ
from the right ones by more than its tolerance.
"""
import numpy as np
import skimage
from skimage.color import rgb2ycbcr
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from synthetic import PAIRS, distorted, reference_image


def ssim(a, b, **kw):
    args = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
    args.update(kw)
    return structural_similarity(a, b, **args)


def full_range_y(img):
    f = img.astype(np.float64)
    return 0.299 * f[..., 0] + 0.587 * f[..., 1] + 0.114 * f[..., 2]


print("// skimage", skimage.__version__, "numpy", np.__version__)
for name, h, w, seed, amp, nseed in PAIRS:
    hr = reference_image(h, w, seed)
    sr = distorted(hr, amp, nseed)
    hf, sf = hr.astype(np.float64), sr.astype(np.float64)
    yh, ys = rgb2ycbcr(hr)[..., 0], rgb2ycbcr(sr)[..., 0]
    c = 4
    vals = {
        "PSNR_RGB": peak_signal_noise_ratio(hf, sf, data_range=255),
        "PSNR_Y": peak_signal_noise_ratio(yh, ys, data_range=255),
        "PSNR_Y_CROP4": peak_signal_noise_ratio(yh[c:-c, c:-c], ys[c:-c, c:-c], data_range=255),
        "PSNR_RGB_CROP4": peak_signal_noise_ratio(hf[c:-c, c:-c], sf[c:-c, c:-c], data_range=255),
        "SSIM_Y": ssim(yh, ys),
        "SSIM_RGB": ssim(hf, sf, channel_axis=-1),
        "SSIM_Y_CROP4": ssim(yh[c:-c, c:-c], ys[c:-c, c:-c]),
        # what wrong implementations would give
        "WRONG_SSIM_Y_SIGMA1": ssim(yh, ys, sigma=1.0),
        "WRONG_SSIM_Y_UNIFORM7": structural_similarity(yh, ys, data_range=255),
        "WRONG_SSIM_Y_FULLRANGE": ssim(full_range_y(hr), full_range_y(sr)),
        "WRONG_SSIM_Y_K_SWAPPED": ssim(yh, ys, K1=0.03, K2=0.01),
        "WRONG_PSNR_Y_FULLRANGE": peak_signal_noise_ratio(full_range_y(hr), full_range_y(sr), data_range=255),
    }
    prefix = name.upper()
    for k, v in vals.items():
        print(f"    static final double {prefix}_{k} = {v:.10f};")
