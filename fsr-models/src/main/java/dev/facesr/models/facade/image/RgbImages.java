package dev.facesr.models.facade.image;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import java.awt.image.BufferedImage;

/**
 * Conversions the facade uses between RGB {@link FloatImage}s on the 0-255 scale and DJL
 * {@link Image}s backed by a {@link BufferedImage} (so no native image library is loaded).
 */
public final class RgbImages {

    private static final ImageFactory FACTORY = new BufferedImageFactory();

    private RgbImages() {}

    /**
     * Wraps an RGB float image (values rounded half up and clamped to 8 bits) as a DJL image.
     *
     * @param image a 3-channel image in any range
     * @return a DJL image backed by a {@code TYPE_INT_RGB} {@link BufferedImage}
     */
    public static Image toDjl(FloatImage image) {
        return FACTORY.fromImage(ImageConversions.toBufferedImage(image.toRgb()));
    }

    /**
     * Converts a DJL image to RGB floats on the 0-255 scale.
     *
     * @param image the image
     * @return a 3-channel {@link ValueRange#BYTE} image
     */
    public static FloatImage fromDjl(Image image) {
        return ImageConversions.fromDjlImage(image);
    }

    /**
     * Wraps a {@link BufferedImage} as a DJL image without copying it.
     *
     * @param image the image
     * @return the DJL image
     */
    public static Image wrap(BufferedImage image) {
        return FACTORY.fromImage(image);
    }

    /**
     * Returns the {@link BufferedImage} behind a DJL image, converting if it has none.
     *
     * @param image the DJL image
     * @return a buffered image
     */
    public static BufferedImage toBuffered(Image image) {
        Object wrapped = image.getWrappedImage();
        if (wrapped instanceof BufferedImage) {
            return (BufferedImage) wrapped;
        }
        return ImageConversions.toBufferedImage(fromDjl(image));
    }

    /**
     * Clamps every value of a {@link ValueRange#BYTE} image to [0, 255] in place.
     *
     * @param image the image
     * @return the same image
     */
    public static FloatImage clampInPlace(FloatImage image) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] < 0 ? 0 : (d[i] > 255 ? 255 : d[i]);
        }
        return image;
    }
}
