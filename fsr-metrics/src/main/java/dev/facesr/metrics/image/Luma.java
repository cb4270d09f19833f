package dev.facesr.metrics.image;

/**
 * The luma channel Y of ITU-R BT.601 exactly as MATLAB's {@code rgb2ycbcr} computes it for
 * floating-point input: {@code Y = 16 + 65.481 R + 128.553 G + 24.966 B} with R, G, B in [0, 1],
 * which gives Y in [16, 235] on the 0-255 scale (the FSRNet / DIC / SPARNet / BasicSR
 * {@code test_y_channel} convention).
 *
 * <p>Y is kept as a float and not rounded (MATLAB rounds only when its input is {@code uint8}; the
 * SR evaluation scripts convert to double first).
 */
public final class Luma {
    /** Weight of R (for R in [0,1], Y on the 0-255 scale). */
    public static final double KR = 65.481;
    /** Weight of G. */
    public static final double KG = 128.553;
    /** Weight of B. */
    public static final double KB = 24.966;
    /** Offset added to the weighted sum. */
    public static final double OFFSET = 16.0;

    private Luma() {}

    /**
     * Computes the Y plane of an RGB image on the 0-255 scale (values in [16, 235]).
     *
     * @param image an RGB image in any {@link ValueRange}
     * @return the Y plane, {@code height * width} values, row-major
     * @throws IllegalArgumentException if the image does not have 3 channels
     */
    public static float[] yPlane(FloatImage image) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException(
                    "The Y channel needs an RGB (3-channel) image, got " + image.shapeString()
                            + "; convert grey images with FloatImage.toRgb() first");
        }
        int n = image.height() * image.width();
        float[] d = image.data();
        // values to [0,1]: divide by 255 / toByteScale
        double unit = image.range().toByteScale() / 255.0;
        double kr = KR * unit;
        double kg = KG * unit;
        double kb = KB * unit;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (OFFSET + kr * d[i] + kg * d[n + i] + kb * d[2 * n + i]);
        }
        return y;
    }

    /**
     * Returns the one-channel Y image of an RGB image, in {@link ValueRange#BYTE}.
     *
     * @param image an RGB image
     * @return the Y image (1 channel, values in [16, 235])
     */
    public static FloatImage yImage(FloatImage image) {
        return new FloatImage(yPlane(image), 1, image.height(), image.width(), ValueRange.BYTE);
    }
}
