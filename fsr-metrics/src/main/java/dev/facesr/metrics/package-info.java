/**
 * Image-quality metrics for face super-resolution with their conventions stated: {@link
 * dev.facesr.metrics.Psnr} and {@link dev.facesr.metrics.Ssim} on RGB or the BT.601 luma Y. Landmark
 * error is in {@code dev.facesr.metrics.landmark}, identity similarity and verification in {@code
 * dev.facesr.metrics.identity}, images, conversions and MATLAB-compatible bicubic resizing in
 * {@code dev.facesr.metrics.image}. Conventions and reference values: {@code docs/metrics.md}.
 */
package dev.facesr.metrics;
