package dev.facesr.metrics.image;

/**
 * The bicubic baseline of face super-resolution: shrink the high-resolution image by a factor with
 * {@link MatlabResize}, store it as 8 bits, enlarge it back to the original size and store that
 * as 8 bits too. This is what "Bicubic" means in FSRNet-style result tables.
 *
 * <p>The low-resolution size is MATLAB's {@code ceil(in / scale)}; the enlargement goes to the
 * original size (for sizes divisible by the factor, e.g. 128 by 8, this is exactly {@code
 * imresize(lr, scale)}). With {@code quantize}, both steps work as MATLAB's {@code imresize} on
 * {@code uint8} images ({@link MatlabResize#resizeAsUint8}: values rounded and clamped to 8-bit
 * levels after each pass), which is the usual pipeline: 8-bit HR files in, an 8-bit LR image
 * stored, an 8-bit result. Without it, everything stays in floating point.
 */
public final class BicubicRoundTrip {
    private BicubicRoundTrip() {}

    /**
     * Shrinks an image by a factor, as 8-bit values.
     *
     * @param hr the high-resolution image, any range
     * @param scale the factor, {@literal > 1} (e.g. 8 shrinks 128 to 16)
     * @param quantize whether to work as MATLAB on {@code uint8} images (8-bit levels after each pass)
     * @return the low-resolution image in the same range
     */
    public static FloatImage shrink(FloatImage hr, double scale, boolean quantize) {
        checkScale(scale);
        return quantize ? MatlabResize.resizeAsUint8(hr, 1.0 / scale) : MatlabResize.resize(hr, 1.0 / scale);
    }

    /**
     * Shrinks by a factor and enlarges back to the original size.
     *
     * @param hr the high-resolution image, any range
     * @param scale the factor, {@literal > 1}
     * @param quantize whether to work as MATLAB on {@code uint8} images (the usual convention)
     * @return the bicubic baseline image, same size and range as {@code hr}
     */
    public static FloatImage apply(FloatImage hr, double scale, boolean quantize) {
        FloatImage lr = shrink(hr, scale, quantize);
        return quantize
                ? MatlabResize.resizeAsUint8(lr, hr.height(), hr.width())
                : MatlabResize.resize(lr, hr.height(), hr.width());
    }

    private static void checkScale(double scale) {
        if (!(scale > 1) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("The baseline scale factor must be > 1 (e.g. 8), got " + scale);
        }
    }
}
