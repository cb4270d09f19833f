package dev.facesr.core.degrade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-Java, channel-first float image (CHW, row-major) used for pixel work on the loader
 * threads without touching the engine.
 *
 * <p>The pixel at channel {@code c}, row {@code y}, column {@code x} is {@code
 * data()[(c * height + y) * width + x]}. Values are usually in [0, 1]. The backing array is
 * shared, not copied: {@link #copy()} when you need an independent image.
 */
public final class FloatImage {

    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    /**
     * Creates a black image.
     *
     * @param channels the number of channels (1 or more)
     * @param height the height in pixels (1 or more)
     * @param width the width in pixels (1 or more)
     */
    public FloatImage(int channels, int height, int width) {
        this(channels, height, width, new float[checkedSize(channels, height, width)]);
    }

    /**
     * Wraps an existing CHW array (not copied).
     *
     * @param channels the number of channels
     * @param height the height in pixels
     * @param width the width in pixels
     * @param data {@code channels * height * width} values in CHW order
     */
    public FloatImage(int channels, int height, int width, float[] data) {
        int size = checkedSize(channels, height, width);
        if (data.length != size) {
            throw new IllegalArgumentException(
                    "A " + channels + "x" + height + "x" + width + " image needs " + size
                            + " values, got " + data.length);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    private static int checkedSize(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "Image dimensions must be positive, got CHW " + channels + "x" + height + "x"
                            + width);
        }
        long size = (long) channels * height * width;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Image too large: " + size + " values");
        }
        return (int) size;
    }

    /**
     * Copies a CHW tensor into a new image (converting to float32 when needed).
     *
     * @param chw a rank-3 tensor
     * @return the image
     * @throws IllegalArgumentException if the tensor is not rank 3
     */
    public static FloatImage fromNDArray(NDArray chw) {
        Shape s = chw.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException(
                    "Expected one CHW image tensor, got shape " + s
                            + "; use fromBatch for an NCHW batch");
        }
        return new FloatImage(
                (int) s.get(0), (int) s.get(1), (int) s.get(2), toFloats(chw));
    }

    /**
     * Splits an NCHW batch tensor into images.
     *
     * @param nchw a rank-4 tensor
     * @return one image per batch entry
     * @throws IllegalArgumentException if the tensor is not rank 4
     */
    public static List<FloatImage> fromBatch(NDArray nchw) {
        Shape s = nchw.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("Expected an NCHW batch tensor, got shape " + s);
        }
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] all = toFloats(nchw);
        int size = c * h * w;
        List<FloatImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new FloatImage(c, h, w, Arrays.copyOfRange(all, i * size, (i + 1) * size)));
        }
        return out;
    }

    /**
     * Stacks same-sized images into one NCHW tensor.
     *
     * @param images the images (at least one, all of the same size)
     * @param manager the manager that owns the result
     * @return an NCHW float32 tensor on the manager's device
     */
    public static NDArray toBatch(List<FloatImage> images, NDManager manager) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("Cannot make a batch of zero images");
        }
        FloatImage first = images.get(0);
        int size = first.data.length;
        float[] all = new float[size * images.size()];
        for (int i = 0; i < images.size(); i++) {
            FloatImage im = images.get(i);
            if (!im.sameSize(first)) {
                throw new IllegalArgumentException(
                        "All images of a batch need the same size: image 0 is " + first.sizeString()
                                + ", image " + i + " is " + im.sizeString());
            }
            System.arraycopy(im.data, 0, all, i * size, size);
        }
        return manager.create(
                all, new Shape(images.size(), first.channels, first.height, first.width));
    }

    private static float[] toFloats(NDArray array) {
        NDArray a = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        return a.toFloatArray();
    }

    /**
     * Copies this image into a CHW float32 tensor.
     *
     * @param manager the manager that owns the result (its device is used)
     * @return the tensor
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(channels, height, width));
    }

    /** @return the number of channels */
    public int channels() {
        return channels;
    }

    /** @return the height in pixels */
    public int height() {
        return height;
    }

    /** @return the width in pixels */
    public int width() {
        return width;
    }

    /** @return the backing CHW array (shared, not a copy) */
    public float[] data() {
        return data;
    }

    /**
     * Reads one value.
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
     * Writes one value.
     *
     * @param c the channel
     * @param y the row
     * @param x the column
     * @param value the value
     */
    public void set(int c, int y, int x, float value) {
        data[(c * height + y) * width + x] = value;
    }

    /** @return an independent copy */
    public FloatImage copy() {
        return new FloatImage(channels, height, width, data.clone());
    }

    /**
     * Clamps every value into [0, 1] in place.
     *
     * @return this image
     */
    public FloatImage clamp01() {
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            data[i] = v < 0f ? 0f : (v > 1f ? 1f : v);
        }
        return this;
    }

    /**
     * Returns a horizontally mirrored copy.
     *
     * @return the mirrored image
     */
    public FloatImage flipHorizontal() {
        float[] out = new float[data.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int row = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    out[row + x] = data[row + width - 1 - x];
                }
            }
        }
        return new FloatImage(channels, height, width, out);
    }

    /**
     * Tells whether another image has the same channel count, height and width.
     *
     * @param other the other image
     * @return true when the sizes match
     */
    public boolean sameSize(FloatImage other) {
        return channels == other.channels && height == other.height && width == other.width;
    }

    private String sizeString() {
        return channels + "x" + height + "x" + width;
    }

    @Override
    public String toString() {
        return "FloatImage[CHW " + sizeString() + "]";
    }
}
