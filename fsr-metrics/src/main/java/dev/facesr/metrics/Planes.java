package dev.facesr.metrics;

import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.Luma;

/** Turns an image pair into cropped planes on the 0-255 scale for the metrics. */
final class Planes {
    final float[][] a;
    final float[][] b;
    final int height;
    final int width;

    private Planes(float[][] a, float[][] b, int height, int width) {
        this.a = a;
        this.b = b;
        this.height = height;
        this.width = width;
    }

    static Planes of(FloatImage sr, FloatImage hr, ChannelMode mode, int crop, String metric) {
        if (sr.channels() != hr.channels() || sr.height() != hr.height() || sr.width() != hr.width()) {
            throw new IllegalArgumentException(
                    metric + " needs two images of the same shape, got " + sr.shapeString() + " and "
                            + hr.shapeString());
        }
        int h = sr.height() - 2 * crop;
        int w = sr.width() - 2 * crop;
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException(
                    "A border crop of " + crop + " leaves nothing of a " + sr.height() + "x" + sr.width()
                            + " image; use a smaller crop");
        }
        float[][] pa;
        float[][] pb;
        if (mode == ChannelMode.Y) {
            pa = new float[][] {Luma.yPlane(sr)};
            pb = new float[][] {Luma.yPlane(hr)};
        } else {
            pa = split(sr.toByteRange());
            pb = split(hr.toByteRange());
        }
        for (int c = 0; c < pa.length; c++) {
            pa[c] = crop(pa[c], sr.height(), sr.width(), crop);
            pb[c] = crop(pb[c], sr.height(), sr.width(), crop);
        }
        return new Planes(pa, pb, h, w);
    }

    private static float[][] split(FloatImage img) {
        int n = img.height() * img.width();
        float[][] out = new float[img.channels()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = new float[n];
            System.arraycopy(img.data(), c * n, out[c], 0, n);
        }
        return out;
    }

    private static float[] crop(float[] plane, int h, int w, int crop) {
        if (crop == 0) {
            return plane;
        }
        int ch = h - 2 * crop;
        int cw = w - 2 * crop;
        float[] out = new float[ch * cw];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(plane, (y + crop) * w + crop, out, y * cw, cw);
        }
        return out;
    }
}
