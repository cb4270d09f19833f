package dev.facesr.core.degrade;

import dev.facesr.metrics.image.MatlabResize;
import java.util.random.RandomGenerator;

/**
 * MATLAB-style bicubic resize ({@code imresize}, antialiased when shrinking) as a degradation:
 * the way the face super-resolution literature makes its low-resolution inputs.
 *
 * <p>It delegates to {@link MatlabResize}, the one bicubic implementation of the project. By
 * default the result is rounded to 8-bit levels after each of MATLAB's two passes, as MATLAB does
 * for {@code uint8} images, because low-resolution test inputs are stored as 8-bit files; turn
 * that off with {@link #withoutQuantization()} to keep float precision. Not random.
 *
 * <p>Examples: {@code BicubicResize.shrinkBy(8)} makes 16x16 faces from 128x128 ones (output
 * {@code ceil(in / 8)}); {@code BicubicResize.shrinkBy(6.4)} works for non-integer factors;
 * {@code Degradations.sequence(BicubicResize.shrinkBy(8), BicubicResize.toSize(128, 128))} makes
 * the bicubic-enlarged input of a model that works on the high-resolution grid.
 */
public final class BicubicResize extends ImageDegradation {

    private final double scale;
    private final int height;
    private final int width;
    private final boolean quantize;

    private BicubicResize(double scale, int height, int width, boolean quantize) {
        this.scale = scale;
        this.height = height;
        this.width = width;
        this.quantize = quantize;
    }

    /**
     * Shrinks by a real factor (8 gives 1/8 of the size, rounded up as MATLAB does).
     *
     * @param factor the shrink factor, greater than 0 (e.g. 4, 6.4, 8)
     * @return the degradation
     */
    public static BicubicResize shrinkBy(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Shrink factor must be a positive finite number, got " + factor);
        }
        return new BicubicResize(1.0 / factor, 0, 0, true);
    }

    /**
     * Resizes to a fixed size, whatever the input size.
     *
     * @param height the output height, at least 1
     * @param width the output width, at least 1
     * @return the degradation
     */
    public static BicubicResize toSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "Output size must be at least 1x1, got " + height + "x" + width);
        }
        return new BicubicResize(0, height, width, true);
    }

    /**
     * The same resize, keeping float precision (no rounding to 8-bit levels).
     *
     * @return a new degradation
     */
    public BicubicResize withoutQuantization() {
        return new BicubicResize(scale, height, width, false);
    }

    /** @return whether the result is rounded to 8-bit levels (the default) */
    public boolean quantizes() {
        return quantize;
    }

    @Override
    protected int outputHeight(int inputHeight) {
        return scale > 0 ? MatlabResize.outputSize(inputHeight, scale) : height;
    }

    @Override
    protected int outputWidth(int inputWidth) {
        return scale > 0 ? MatlabResize.outputSize(inputWidth, scale) : width;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        int c = image.channels();
        int outH = outputHeight(image.height());
        int outW = outputWidth(image.width());
        dev.facesr.metrics.image.FloatImage source =
                new dev.facesr.metrics.image.FloatImage(
                        image.data(), c, image.height(), image.width(),
                        dev.facesr.metrics.image.ValueRange.UNIT);
        dev.facesr.metrics.image.FloatImage resized;
        if (scale > 0) {
            resized = quantize
                    ? MatlabResize.resizeAsUint8(source, scale)
                    : MatlabResize.resize(source, scale);
        } else {
            resized = quantize
                    ? MatlabResize.resizeAsUint8(source, outH, outW)
                    : MatlabResize.resize(source, outH, outW);
        }
        return new FloatImage(c, outH, outW, resized.data());
    }

    @Override
    public String toString() {
        String what = scale > 0 ? "shrinkBy(" + (1.0 / scale) + ")" : "toSize(" + height + "x" + width + ")";
        return "BicubicResize." + what + (quantize ? "" : ".withoutQuantization()");
    }
}
