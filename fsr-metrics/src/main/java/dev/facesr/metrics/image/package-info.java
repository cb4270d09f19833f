/**
 * Plain-Java images ({@link dev.facesr.metrics.image.FloatImage}), conversions from NDArrays,
 * {@code BufferedImage}s, DJL images and files, the BT.601 luma used by the metrics, and
 * MATLAB-compatible bicubic resizing ({@link dev.facesr.metrics.image.MatlabResize}).
 */
package dev.facesr.metrics.image;
