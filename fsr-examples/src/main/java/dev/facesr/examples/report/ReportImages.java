package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.BufferedImageFactory;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import java.util.ArrayList;
import java.util.List;

/** Conversions between the report's 8-bit {@link FloatImage}s and DJL {@link Image}s. */
final class ReportImages {
    /**
     * Always java.awt images: the default {@code ImageFactory} is OpenCV's when that is on the
     * classpath, and it cannot wrap a {@link java.awt.image.BufferedImage}.
     */
    private static final BufferedImageFactory FACTORY = new BufferedImageFactory();

    private ReportImages() {}

    /** An image as an 8-bit DJL image (values rounded and clipped to 8-bit levels). */
    static Image toDjl(FloatImage image) {
        return FACTORY.fromImage(ImageConversions.toBufferedImage(image));
    }

    static List<Image> toDjl(List<FloatImage> images) {
        List<Image> out = new ArrayList<>(images.size());
        for (FloatImage f : images) {
            out.add(toDjl(f));
        }
        return out;
    }

    /** A DJL image as RGB on the 0-255 scale, rounded and clipped to 8-bit levels. */
    static FloatImage fromDjl(Image image) {
        return ImageConversions.fromDjlImage(image).quantizeToUint8();
    }

    /** The ground truth shrunk by a factor with MATLAB bicubic, as MATLAB does for uint8 images. */
    static FloatImage shrink(FloatImage hr, double scale) {
        return MatlabResize.resizeAsUint8(hr, 1.0 / scale);
    }

    /** MATLAB-bicubic enlargement of a low-resolution face to {@code outputSize(side, scale)}, 8-bit. */
    static FloatImage enlarge(FloatImage lr, double scale) {
        return MatlabResize.resizeAsUint8(
                lr, MatlabResize.outputSize(lr.height(), scale), MatlabResize.outputSize(lr.width(), scale));
    }

    /** Nearest-neighbour enlargement to a given size, to show the low-resolution pixels as they are. */
    static FloatImage nearest(FloatImage lr, int outH, int outW) {
        int c = lr.channels();
        int h = lr.height();
        int w = lr.width();
        float[] src = lr.data();
        float[] out = new float[c * outH * outW];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < outH; y++) {
                int sy = Math.min(h - 1, (int) ((y + 0.5) * h / outH));
                for (int x = 0; x < outW; x++) {
                    int sx = Math.min(w - 1, (int) ((x + 0.5) * w / outW));
                    out[(ch * outH + y) * outW + x] = src[(ch * h + sy) * w + sx];
                }
            }
        }
        return new FloatImage(out, c, outH, outW, lr.range());
    }

    /** An image on the 0-255 scale, rounded to 8-bit levels (for ground-truth crops made in float). */
    static FloatImage asByteImage(FloatImage image) {
        FloatImage b = image.range() == ValueRange.BYTE ? image : image.toByteRange();
        return b.quantizeToUint8();
    }
}
