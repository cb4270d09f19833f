package dev.facesr.core.data;

/** How a crop is resampled to its output size. */
public enum Resampling {
    /** One bilinear sample at each output pixel centre; aliases when shrinking by more than 2x. */
    BILINEAR,
    /**
     * Area-like: the mean of {@code n x n} bilinear samples spread over each output pixel's
     * footprint, {@code n = ceil(source pixels per output pixel)}; equals bilinear when enlarging
     * and approximates OpenCV's INTER_AREA when shrinking, also for rotated crops.
     */
    AREA
}
