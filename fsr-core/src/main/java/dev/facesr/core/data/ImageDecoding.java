package dev.facesr.core.data;

import dev.facesr.core.degrade.FloatImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes image files with ImageIO into RGB {@link FloatImage}s in [0, 1], whatever the stored
 * type: grey (8 or 16 bit) is copied to all three channels without gamma change, alpha is
 * dropped (not composited), 16-bit samples are scaled by 1/65535, palette images are expanded.
 */
public final class ImageDecoding {

    private ImageDecoding() {}

    /**
     * Reads an image file as RGB.
     *
     * @param file a JPEG, PNG, BMP or GIF file
     * @return a 3-channel image in [0, 1]
     * @throws IOException if the file cannot be read or is not an image ImageIO can decode
     */
    public static FloatImage readRgb(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "image file not found");
        }
        // read(File) avoids the temporary-file cache ImageIO.read(InputStream) sets up
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(
                    "ImageIO cannot decode " + file + " (not an image, or an unsupported format)");
        }
        return toRgb(image);
    }

    /**
     * Converts a decoded image to RGB floats.
     *
     * @param image any BufferedImage
     * @return a 3-channel image in [0, 1]
     */
    public static FloatImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int colorBands = cm.getNumColorComponents();
        int type = cm.getColorSpace().getType();
        boolean direct = !(cm instanceof IndexColorModel);
        if (direct && type == ColorSpace.TYPE_GRAY && colorBands == 1) {
            float max = (1 << cm.getComponentSize(0)) - 1;
            float[] g = raster.getSamples(0, 0, w, h, 0, new float[plane]);
            for (int p = 0; p < plane; p++) {
                float v = g[p] / max;
                out[p] = v;
                out[plane + p] = v;
                out[2 * plane + p] = v;
            }
        } else if (direct && type == ColorSpace.TYPE_RGB && colorBands == 3
                && cm.getColorSpace().isCS_sRGB()) {
            for (int b = 0; b < 3; b++) {
                float max = (1 << cm.getComponentSize(b)) - 1;
                float[] s = raster.getSamples(0, 0, w, h, b, new float[plane]);
                for (int p = 0; p < plane; p++) {
                    out[b * plane + p] = s[p] / max;
                }
            }
        } else {
            // palette, other colour spaces: let Java2D convert to 8-bit sRGB
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0; p < plane; p++) {
                int v = argb[p];
                out[p] = ((v >> 16) & 0xff) / 255f;
                out[plane + p] = ((v >> 8) & 0xff) / 255f;
                out[2 * plane + p] = (v & 0xff) / 255f;
            }
        }
        return new FloatImage(3, h, w, out);
    }
}
