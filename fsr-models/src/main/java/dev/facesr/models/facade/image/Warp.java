package dev.facesr.models.facade.image;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.metrics.image.FloatImage;

/**
 * Bilinear affine warping of CHW float images in plain Java (no native library), pixel-centre
 * convention, with clamp-to-edge sampling outside the source.
 */
public final class Warp {

    private Warp() {}

    /**
     * Renders an output image whose pixel {@code p} takes the source value at {@code
     * outputToSource(p)}, bilinearly interpolated; points outside the source take the nearest edge
     * value.
     *
     * @param source the source image
     * @param outputToSource the map from output pixels to source pixels
     * @param outHeight the output height
     * @param outWidth the output width
     * @return the warped image, same channels and range as the source
     */
    public static FloatImage affine(FloatImage source, Affine2D outputToSource, int outHeight, int outWidth) {
        int c = source.channels();
        float[] out = new float[c * outHeight * outWidth];
        int plane = outHeight * outWidth;
        float[] px = new float[c];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                sample(source, outputToSource.applyX(x, y), outputToSource.applyY(x, y), px);
                for (int k = 0; k < c; k++) {
                    out[k * plane + y * outWidth + x] = px[k];
                }
            }
        }
        return new FloatImage(out, c, outHeight, outWidth, source.range());
    }

    /**
     * Samples every channel of an image at a real position, bilinearly, clamping to the edge.
     *
     * @param image the image
     * @param x the x (pixel-centre convention)
     * @param y the y
     * @param out receives one value per channel
     */
    public static void sample(FloatImage image, double x, double y, float[] out) {
        int w = image.width();
        int h = image.height();
        double cx = x < 0 ? 0 : (x > w - 1 ? w - 1 : x);
        double cy = y < 0 ? 0 : (y > h - 1 ? h - 1 : y);
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        float[] d = image.data();
        int plane = w * h;
        for (int k = 0; k < image.channels(); k++) {
            int o = k * plane;
            double top = d[o + y0 * w + x0] * (1 - fx) + d[o + y0 * w + x1] * fx;
            double bottom = d[o + y1 * w + x0] * (1 - fx) + d[o + y1 * w + x1] * fx;
            out[k] = (float) (top * (1 - fy) + bottom * fy);
        }
    }
}
