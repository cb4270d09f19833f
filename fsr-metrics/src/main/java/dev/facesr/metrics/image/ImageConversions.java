package dev.facesr.metrics.image;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Conversions between {@link FloatImage} and NDArrays, {@link BufferedImage}s, DJL {@link Image}s
 * and image files. 8-bit sources give {@link ValueRange#BYTE} images; NDArrays carry the range the
 * caller states.
 */
public final class ImageConversions {
    private ImageConversions() {}

    /**
     * Reads an image file (PNG, JPEG, BMP, ...) as an RGB image in [0, 255]; grey files become RGB
     * by repeating the grey value (not through a colour profile).
     *
     * @param file the file
     * @return the image, 3 channels, {@link ValueRange#BYTE}
     * @throws IOException if the file cannot be read or is not an image ImageIO can decode
     */
    public static FloatImage read(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("Cannot read image " + file + ": no such file");
            }
            throw new IOException("Cannot read image " + file + ": not a format ImageIO can decode");
        }
        return fromBufferedImage(image);
    }

    /**
     * Converts an 8-bit image to RGB floats in [0, 255]. Grey images are expanded to three equal
     * channels from their raster values (so no gamma conversion happens); alpha is ignored.
     *
     * @param image the image
     * @return a 3-channel {@link ValueRange#BYTE} image
     */
    public static FloatImage fromBufferedImage(BufferedImage image) {
        return fromBufferedImage(image, false);
    }

    /**
     * Converts an 8-bit image to floats in [0, 255], keeping one channel for grey images if asked.
     *
     * @param image the image
     * @param keepGrey if true, a one-band image gives a one-channel result
     * @return a 1- or 3-channel {@link ValueRange#BYTE} image
     */
    public static FloatImage fromBufferedImage(BufferedImage image, boolean keepGrey) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1 && image.getColorModel().getNumComponents() == 1;
        if (grey && raster.getSampleModel().getSampleSize(0) <= 8) {
            float[] g = raster.getSamples(0, 0, w, h, 0, new float[n]);
            FloatImage one = new FloatImage(g, 1, h, w, ValueRange.BYTE);
            return keepGrey ? one : one.toRgb();
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            out[i] = (p >> 16) & 0xFF;
            out[n + i] = (p >> 8) & 0xFF;
            out[2 * n + i] = p & 0xFF;
        }
        return new FloatImage(out, 3, h, w, ValueRange.BYTE);
    }

    /**
     * Converts to an 8-bit image, rounding (half up) and clamping each value on the 0-255 scale.
     *
     * @param image a 1- or 3-channel image in any range
     * @return a {@code TYPE_BYTE_GRAY} (1 channel) or {@code TYPE_INT_RGB} (3 channels) image
     * @throws IllegalArgumentException for other channel counts
     */
    public static BufferedImage toBufferedImage(FloatImage image) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        FloatImage q = image.toByteRange().quantizeToUint8();
        float[] d = q.data();
        if (image.channels() == 1) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster r = out.getRaster();
            r.setSamples(0, 0, w, h, 0, d);
            return out;
        }
        if (image.channels() != 3) {
            throw new IllegalArgumentException(
                    "Can only make a BufferedImage from 1 or 3 channels, got " + image.shapeString());
        }
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = ((int) d[i] << 16) | ((int) d[n + i] << 8) | (int) d[2 * n + i];
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /**
     * Converts a DJL image to RGB floats in [0, 255]. Images backed by a {@link BufferedImage} are
     * read directly; others (e.g. OpenCV) through {@link Image#toNDArray(NDManager, Image.Flag)}.
     *
     * @param image the DJL image
     * @return a 3-channel {@link ValueRange#BYTE} image
     */
    public static FloatImage fromDjlImage(Image image) {
        Object wrapped = image.getWrappedImage();
        if (wrapped instanceof BufferedImage) {
            return fromBufferedImage((BufferedImage) wrapped);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hwc = image.toNDArray(manager, Image.Flag.COLOR);
            NDArray chw = hwc.transpose(2, 0, 1).toType(DataType.FLOAT32, false);
            return fromNDArray(chw, ValueRange.BYTE).get(0);
        }
    }

    /**
     * Converts a CHW image or NCHW batch to {@link FloatImage}s, copying the data to the JVM once.
     *
     * @param array a CHW or NCHW array of any real type (converted to float32)
     * @param range the range the array's values are in
     * @return one image per batch item (one for CHW)
     * @throws IllegalArgumentException if the array is not 3-D or 4-D
     */
    public static List<FloatImage> fromNDArray(NDArray array, ValueRange range) {
        Shape s = array.getShape();
        if (s.dimension() != 3 && s.dimension() != 4) {
            throw new IllegalArgumentException(
                    "Expected a CHW image or an NCHW batch, got shape " + s);
        }
        int d = s.dimension();
        int n = d == 4 ? (int) s.get(0) : 1;
        int c = (int) s.get(d - 3);
        int h = (int) s.get(d - 2);
        int w = (int) s.get(d - 1);
        float[] all;
        if (array.getDataType() == DataType.FLOAT32) {
            all = array.toFloatArray();
        } else {
            try (NDArray f = array.toType(DataType.FLOAT32, false)) {
                all = f.toFloatArray();
            }
        }
        List<FloatImage> out = new ArrayList<>(n);
        int size = c * h * w;
        for (int i = 0; i < n; i++) {
            float[] one = new float[size];
            System.arraycopy(all, i * size, one, 0, size);
            out.add(new FloatImage(one, c, h, w, range));
        }
        return out;
    }

    /**
     * Creates a CHW float32 NDArray from an image, keeping its values and range.
     *
     * @param image the image
     * @param manager the manager that owns the new array
     * @return a CHW array
     */
    public static NDArray toNDArray(FloatImage image, NDManager manager) {
        return manager.create(image.data(), new Shape(image.channels(), image.height(), image.width()));
    }
}
