package dev.facesr.metrics.image;

import java.util.Arrays;

/**
 * A plain-Java image: float values in channel-first (CHW) order with a stated {@link ValueRange}.
 *
 * <p>This is the common currency of the metrics: NDArrays, {@code BufferedImage}s, DJL images and
 * files are converted to it once (see {@link ImageConversions}), then the metrics run fast loops
 * over {@link #data()}. The array is not copied: callers must not change it afterwards.
 */
public final class FloatImage {
    private final float[] data;
    private final int channels;
    private final int height;
    private final int width;
    private final ValueRange range;

    /**
     * Wraps a CHW float array.
     *
     * @param data the values, {@code channels * height * width} of them, channel-first
     * @param channels the number of channels (1 for grey, 3 for RGB)
     * @param height the height in pixels
     * @param width the width in pixels
     * @param range the range the values are in
     * @throws IllegalArgumentException if a size is not positive or the array length is wrong
     */
    public FloatImage(float[] data, int channels, int height, int width, ValueRange range) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "Image sizes must be positive, got channels=" + channels + ", height=" + height
                            + ", width=" + width);
        }
        if (data == null || (long) channels * height * width != data.length) {
            throw new IllegalArgumentException(
                    "Expected " + ((long) channels * height * width) + " values for a " + channels + "x"
                            + height + "x" + width + " (CHW) image, got "
                            + (data == null ? "null" : String.valueOf(data.length)));
        }
        if (range == null) {
            throw new IllegalArgumentException("The value range must be given (UNIT for [0,1], BYTE for [0,255])");
        }
        this.data = data;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.range = range;
    }

    /**
     * Returns the CHW values (not a copy).
     *
     * @return the values
     */
    public float[] data() {
        return data;
    }

    /**
     * Returns the number of channels.
     *
     * @return the number of channels
     */
    public int channels() {
        return channels;
    }

    /**
     * Returns the height in pixels.
     *
     * @return the height
     */
    public int height() {
        return height;
    }

    /**
     * Returns the width in pixels.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Returns the range the values are in.
     *
     * @return the value range
     */
    public ValueRange range() {
        return range;
    }

    /**
     * Returns the value of one sample.
     *
     * @param c the channel
     * @param y the row
     * @param x the column
     * @return the value
     */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /**
     * Returns this image on the 0-255 scale ({@link ValueRange#BYTE}); returns {@code this} if it
     * already is.
     *
     * @return the image with values in [0, 255]
     */
    public FloatImage toByteRange() {
        if (range == ValueRange.BYTE) {
            return this;
        }
        float s = (float) range.toByteScale();
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * s;
        }
        return new FloatImage(out, channels, height, width, ValueRange.BYTE);
    }

    /**
     * Returns a three-channel copy of a one-channel image (grey to RGB); returns {@code this} if
     * the image has three channels already.
     *
     * @return an RGB image
     * @throws IllegalArgumentException if the image has neither one nor three channels
     */
    public FloatImage toRgb() {
        if (channels == 3) {
            return this;
        }
        if (channels != 1) {
            throw new IllegalArgumentException(
                    "Can only convert 1-channel images to RGB, this one has " + channels + " channels");
        }
        int n = height * width;
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(data, 0, out, c * n, n);
        }
        return new FloatImage(out, 3, height, width, range);
    }

    /**
     * Returns a copy with every value rounded to the nearest 8-bit level and clamped to the range,
     * as storing the image as an 8-bit file would do (round half up on the 0-255 scale).
     *
     * @return the quantised copy, in the same range as this image
     */
    public FloatImage quantizeToUint8() {
        double s = range.toByteScale();
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            double v = Math.floor(data[i] * s + 0.5);
            v = v < 0 ? 0 : (v > 255 ? 255 : v);
            out[i] = (float) (v / s);
        }
        return new FloatImage(out, channels, height, width, range);
    }

    /**
     * Returns a human-readable shape such as {@code 3x128x128}.
     *
     * @return the shape as CxHxW
     */
    public String shapeString() {
        return channels + "x" + height + "x" + width;
    }

    @Override
    public String toString() {
        return "FloatImage[" + shapeString() + ", " + range + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FloatImage)) {
            return false;
        }
        FloatImage other = (FloatImage) o;
        return channels == other.channels && height == other.height && width == other.width
                && range == other.range && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + channels * 7 + height * 3 + width + range.hashCode();
    }
}
