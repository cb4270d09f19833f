package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;

/**
 * Integer-factor area (box) downscale: every output pixel is the mean of a {@code factor x
 * factor} block of input pixels. The input height and width must be multiples of the factor
 * (crop first otherwise). The output pixel {@code (x, y)} covers input pixels {@code [f x, f x +
 * f)}, so a landmark maps as {@code x_lr = (x_hr + 0.5) / f - 0.5} (pixel-centre convention).
 * Not random.
 */
public final class AreaDownscale extends ImageDegradation {

    private final int factor;

    /**
     * Creates the downscale.
     *
     * @param factor the integer scale factor, at least 1
     */
    public AreaDownscale(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("Downscale factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    /** @return the scale factor */
    public int factor() {
        return factor;
    }

    @Override
    protected int outputHeight(int inputHeight) {
        return checkedDivide(inputHeight, "height");
    }

    @Override
    protected int outputWidth(int inputWidth) {
        return checkedDivide(inputWidth, "width");
    }

    private int checkedDivide(int size, String what) {
        if (size % factor != 0) {
            throw new IllegalArgumentException(
                    "AreaDownscale by " + factor + " needs a " + what + " that is a multiple of "
                            + factor + ", got " + size + "; crop the image to a multiple first");
        }
        return size / factor;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        int c = image.channels();
        int oh = outputHeight(image.height());
        int ow = outputWidth(image.width());
        int w = image.width();
        int h = image.height();
        float[] in = image.data();
        float[] out = new float[c * oh * ow];
        float norm = 1f / (factor * factor);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float s = 0f;
                    for (int dy = 0; dy < factor; dy++) {
                        int row = (ch * h + y * factor + dy) * w + x * factor;
                        for (int dx = 0; dx < factor; dx++) {
                            s += in[row + dx];
                        }
                    }
                    out[(ch * oh + y) * ow + x] = s * norm;
                }
            }
        }
        return new FloatImage(c, oh, ow, out);
    }

    @Override
    public String toString() {
        return "AreaDownscale(" + factor + ")";
    }
}
