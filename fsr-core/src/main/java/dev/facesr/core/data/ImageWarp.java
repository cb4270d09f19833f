package dev.facesr.core.data;

import dev.facesr.core.degrade.FloatImage;
import java.awt.geom.AffineTransform;

/**
 * Affine resampling of a {@link FloatImage} in the pixel-centre convention: output pixel
 * {@code (x, y)} (its centre) takes the source value at {@code outputToSource(x, y)}.
 */
public final class ImageWarp {

    private static final int MAX_SUPERSAMPLING = 16;

    private ImageWarp() {}

    /**
     * Resamples an image.
     *
     * @param src the source image
     * @param outputToSource maps output pixel coordinates to source pixel coordinates
     * @param outWidth the output width
     * @param outHeight the output height
     * @param resampling bilinear, or area-like supersampling when shrinking
     * @param border what is seen outside the source
     * @return the new image, same channel count as the source
     */
    public static FloatImage warp(
            FloatImage src,
            AffineTransform outputToSource,
            int outWidth,
            int outHeight,
            Resampling resampling,
            BorderMode border) {
        double m00 = outputToSource.getScaleX();
        double m01 = outputToSource.getShearX();
        double m02 = outputToSource.getTranslateX();
        double m10 = outputToSource.getShearY();
        double m11 = outputToSource.getScaleY();
        double m12 = outputToSource.getTranslateY();
        int n = 1;
        if (resampling == Resampling.AREA) {
            double sx = Math.hypot(m00, m10);
            double sy = Math.hypot(m01, m11);
            n = (int) Math.min(MAX_SUPERSAMPLING, Math.max(1, Math.ceil(Math.max(sx, sy) - 1e-9)));
        }
        int c = src.channels();
        int sw = src.width();
        int sh = src.height();
        float[] in = src.data();
        float[] out = new float[c * outHeight * outWidth];
        int plane = sw * sh;
        int outPlane = outWidth * outHeight;
        float[] acc = new float[c];
        float inv = 1f / (n * n);
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                java.util.Arrays.fill(acc, 0f);
                for (int j = 0; j < n; j++) {
                    double oy = y + (j + 0.5) / n - 0.5;
                    for (int i = 0; i < n; i++) {
                        double ox = x + (i + 0.5) / n - 0.5;
                        double sxp = m00 * ox + m01 * oy + m02;
                        double syp = m10 * ox + m11 * oy + m12;
                        int x0 = (int) Math.floor(sxp);
                        int y0 = (int) Math.floor(syp);
                        float fx = (float) (sxp - x0);
                        float fy = (float) (syp - y0);
                        int ix0 = index(x0, sw, border);
                        int ix1 = index(x0 + 1, sw, border);
                        int iy0 = index(y0, sh, border);
                        int iy1 = index(y0 + 1, sh, border);
                        float w00 = (1 - fx) * (1 - fy);
                        float w01 = fx * (1 - fy);
                        float w10 = (1 - fx) * fy;
                        float w11 = fx * fy;
                        for (int ch = 0; ch < c; ch++) {
                            int base = ch * plane;
                            acc[ch] += w00 * sample(in, base, iy0, ix0, sw)
                                    + w01 * sample(in, base, iy0, ix1, sw)
                                    + w10 * sample(in, base, iy1, ix0, sw)
                                    + w11 * sample(in, base, iy1, ix1, sw);
                        }
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    out[ch * outPlane + y * outWidth + x] = acc[ch] * inv;
                }
            }
        }
        return new FloatImage(c, outHeight, outWidth, out);
    }

    private static float sample(float[] in, int base, int y, int x, int w) {
        return (x < 0 || y < 0) ? 0f : in[base + y * w + x];
    }

    /** Maps an index to [0, n) by the border rule, or -1 for "zero". */
    static int index(int i, int n, BorderMode border) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (border) {
            case ZERO:
                return -1;
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            default:
                if (n == 1) {
                    return 0;
                }
                int period = 2 * n - 2;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
        }
    }
}
