package dev.facesr.models.facade.image;

import ai.djl.modality.cv.Image;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.facade.FaceSRException;
import dev.facesr.models.facade.FaceSRException.Reason;
import dev.facesr.models.facade.PhotoInput;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes any {@link PhotoInput} to an RGB {@link FloatImage} on the 0-255 scale, safely.
 *
 * <ul>
 *   <li>Encoded data (files, bytes) is read with ImageIO (PNG, JPEG, BMP, GIF, WBMP, TIFF; the
 *       first frame of a multi-frame file). The header is read first and the size checked
 *       against {@link #maxPixels()} before any pixel is decoded, so a huge image cannot exhaust
 *       memory. A decoder warning (e.g. "Premature end of JPEG file") is an error.
 *   <li>Grey images (8 or 16 bits) become three equal channels, scaled linearly from their bit
 *       depth to 0-255 (no colour management); 16-bit colour and palette images are converted
 *       through their colour model.
 *   <li>Alpha is composited over white; the result has no alpha.
 *   <li>Images with a side below {@link #MIN_SIDE} pixels are rejected.
 * </ul>
 *
 * Every failure is a {@link FaceSRException} with its {@link Reason}. Immutable and thread-safe.
 */
public final class PhotoDecoder {

    /** The smallest accepted side, in pixels. */
    public static final int MIN_SIDE = 4;

    private final long maxPixels;

    /**
     * Creates a decoder.
     *
     * @param maxPixels the largest accepted width x height
     */
    public PhotoDecoder(long maxPixels) {
        if (maxPixels < (long) MIN_SIDE * MIN_SIDE) {
            throw new IllegalArgumentException("The maximum image size must be at least " + MIN_SIDE * MIN_SIDE
                    + " pixels, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * Returns the largest accepted width x height.
     *
     * @return the maximum pixel count
     */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Decodes an input.
     *
     * @param input the input
     * @return an RGB image on the 0-255 scale
     * @throws FaceSRException if the input is empty, unreadable, not an image, damaged, too small
     *     or too large
     */
    public FloatImage decode(PhotoInput input) {
        if (input == null || input.source() == null) {
            throw new FaceSRException(Reason.EMPTY_INPUT, "The input is null; pass an image, a file or image bytes");
        }
        switch (input.kind()) {
            case PATH:
                return decodeFile((Path) input.source());
            case BYTES:
                return decodeBytes((byte[]) input.source(), "the image bytes");
            case BUFFERED_IMAGE:
                return decode((BufferedImage) input.source(), "the BufferedImage");
            default:
                return decodeDjl((Image) input.source());
        }
    }

    private FloatImage decodeFile(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new FaceSRException(Reason.UNREADABLE_FILE, "Cannot read " + file
                    + ": it does not exist, is not a regular file or is not readable");
        }
        try {
            if (Files.size(file) == 0) {
                throw new FaceSRException(Reason.EMPTY_INPUT, "The file " + file + " is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new FaceSRException(Reason.UNREADABLE_FILE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new FaceSRException(Reason.UNREADABLE_FILE, "Cannot open " + file);
            }
            return read(in, "file " + file);
        } catch (IOException e) {
            throw new FaceSRException(Reason.UNREADABLE_FILE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private FloatImage decodeBytes(byte[] bytes, String what) {
        if (bytes.length == 0) {
            throw new FaceSRException(Reason.EMPTY_INPUT, "The image bytes are empty (length 0)");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return read(in, what);
        } catch (IOException e) {
            throw new FaceSRException(Reason.CORRUPT_INPUT, "Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private FloatImage read(ImageInputStream in, String what) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new FaceSRException(Reason.UNSUPPORTED_FORMAT, what
                    + " is not in an image format this decoder reads (PNG, JPEG, BMP, GIF, WBMP, TIFF)");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int w;
            int h;
            try {
                w = reader.getWidth(0);
                h = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new FaceSRException(isTruncation(e) ? Reason.TRUNCATED_INPUT : Reason.CORRUPT_INPUT,
                        "Cannot read the image header of " + what + ": " + describe(e), e);
            }
            checkSize(w, h, what);
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new FaceSRException(isTruncation(e) ? Reason.TRUNCATED_INPUT : Reason.CORRUPT_INPUT,
                        "Cannot decode the pixels of " + what + ": " + describe(e), e);
            }
            if (!warnings.isEmpty()) {
                String text = String.join("; ", warnings);
                boolean truncated = text.toLowerCase(Locale.ROOT).contains("premature")
                        || text.toLowerCase(Locale.ROOT).contains("truncat");
                throw new FaceSRException(truncated ? Reason.TRUNCATED_INPUT : Reason.CORRUPT_INPUT,
                        "The decoder reported damaged data in " + what + ": " + text);
            }
            return convert(image);
        } finally {
            reader.dispose();
        }
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("premature") || lower.contains("truncat") || lower.contains("end of")
                        || lower.contains("eof")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            m = (m == null ? "" : m + ": ") + cause.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private void checkSize(long w, long h, String what) {
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw new FaceSRException(Reason.IMAGE_TOO_SMALL, what + " is " + w + "x" + h
                    + " pixels; FaceSR needs at least " + MIN_SIDE + "x" + MIN_SIDE);
        }
        if (w * h > maxPixels) {
            throw new FaceSRException(Reason.IMAGE_TOO_LARGE, what + " is " + w + "x" + h + " = " + (w * h)
                    + " pixels, more than the maximum of " + maxPixels
                    + "; shrink it or raise the limit with FaceSR.Builder.optMaxInputPixels");
        }
    }

    private FloatImage decode(BufferedImage image, String what) {
        checkSize(image.getWidth(), image.getHeight(), what);
        return convert(image);
    }

    private FloatImage decodeDjl(Image image) {
        Object wrapped = image.getWrappedImage();
        if (wrapped instanceof BufferedImage) {
            return decode((BufferedImage) wrapped, "the DJL image");
        }
        checkSize(image.getWidth(), image.getHeight(), "the DJL image");
        return RgbImages.fromDjl(image);
    }

    /**
     * Converts any {@link BufferedImage} to RGB on the 0-255 scale (grey expanded, alpha
     * composited over white).
     *
     * @param image the image
     * @return a 3-channel {@link ValueRange#BYTE} image
     */
    public static FloatImage convert(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        float[] out = new float[3 * n];
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            double greyScale = 255.0 / ((1L << cm.getComponentSize(0)) - 1);
            float[] grey = raster.getSamples(0, 0, w, h, 0, new float[n]);
            float[] alpha = null;
            double alphaScale = 1;
            if (cm.hasAlpha() && raster.getNumBands() > 1) {
                int band = raster.getNumBands() - 1;
                alpha = raster.getSamples(0, 0, w, h, band, new float[n]);
                alphaScale = 1.0 / ((1L << cm.getComponentSize(band)) - 1);
            }
            boolean premultiplied = cm.isAlphaPremultiplied();
            for (int i = 0; i < n; i++) {
                double g = grey[i] * greyScale;
                if (alpha != null) {
                    double a = alpha[i] * alphaScale;
                    g = (premultiplied ? g : g * a) + 255 * (1 - a);
                }
                float v = (float) Math.max(0, Math.min(255, g));
                out[i] = v;
                out[n + i] = v;
                out[2 * n + i] = v;
            }
            return new FloatImage(out, 3, h, w, ValueRange.BYTE);
        }
        boolean alpha = cm.hasAlpha();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                float r = (p >> 16) & 0xFF;
                float g = (p >> 8) & 0xFF;
                float b = p & 0xFF;
                if (alpha) {
                    float a = ((p >>> 24) & 0xFF) / 255f;
                    r = r * a + 255 * (1 - a);
                    g = g * a + 255 * (1 - a);
                    b = b * a + 255 * (1 - a);
                }
                out[i] = r;
                out[n + i] = g;
                out[2 * n + i] = b;
            }
        }
        return new FloatImage(out, 3, h, w, ValueRange.BYTE);
    }
}
