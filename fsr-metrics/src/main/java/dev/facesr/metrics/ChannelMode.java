package dev.facesr.metrics;

/** Which channels an image-quality metric is measured on. */
public enum ChannelMode {
    /**
     * All channels of the image as given (R, G and B for colour images; the single channel for
     * grey ones). PSNR pools the squared error over all channels; SSIM averages the per-channel
     * values.
     */
    RGB,
    /**
     * The BT.601 luma Y of MATLAB's {@code rgb2ycbcr}, in [16, 235] on the 0-255 scale (see {@link
     * dev.facesr.metrics.image.Luma}); needs 3-channel images.
     */
    Y
}
