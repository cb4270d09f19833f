package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;

/**
 * Random colour jitter with torchvision's parameter meaning, applied in a fixed order:
 * brightness (multiply by {@code b} in {@code [max(0, 1 - brightness), 1 + brightness]}),
 * contrast (blend with the mean luma by {@code c} in {@code [max(0, 1 - contrast), 1 +
 * contrast]}), saturation (blend with the per-pixel luma by {@code s} in the same way) and hue
 * (rotate the HSV hue by {@code h} in {@code [-hue, hue]} turns, {@code hue <= 0.5}). Luma is
 * {@code 0.299 R + 0.587 G + 0.114 B}; results are clamped into [0, 1] after each step.
 * Saturation and hue leave 1-channel images unchanged. Four values are drawn per image, always in
 * the same order, so the generator advances the same way whatever the ranges.
 */
public final class ColorJitter extends ImageDegradation {

    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;

    /**
     * Creates the jitter; a range of 0 disables that part.
     *
     * @param brightness the brightness range, at least 0
     * @param contrast the contrast range, at least 0
     * @param saturation the saturation range, at least 0
     * @param hue the hue range in turns, in [0, 0.5]
     */
    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        this.brightness = nonNegative(brightness, "brightness");
        this.contrast = nonNegative(contrast, "contrast");
        this.saturation = nonNegative(saturation, "saturation");
        this.hue = nonNegative(hue, "hue");
        if (hue > 0.5) {
            throw new IllegalArgumentException(
                    "Hue range is in turns and must be <= 0.5, got " + hue);
        }
    }

    private static double nonNegative(double v, String name) {
        checkFinite(v, name);
        if (v < 0) {
            throw new IllegalArgumentException(name + " range must be >= 0, got " + v);
        }
        return v;
    }

    /** @return the brightness range */
    public double brightness() {
        return brightness;
    }

    /** @return the contrast range */
    public double contrast() {
        return contrast;
    }

    /** @return the saturation range */
    public double saturation() {
        return saturation;
    }

    /** @return the hue range in turns */
    public double hue() {
        return hue;
    }

    private static double factor(double range, RandomGenerator random) {
        double u = random.nextDouble();
        double lo = Math.max(0, 1 - range);
        return lo + u * (1 + range - lo);
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        double b = factor(brightness, random);
        double c = factor(contrast, random);
        double s = factor(saturation, random);
        double h = (random.nextDouble() * 2 - 1) * hue;
        FloatImage out = image.copy();
        float[] d = out.data();
        int plane = image.height() * image.width();
        boolean rgb = image.channels() == 3;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (d[i] * b);
        }
        out.clamp01();
        if (c != 1) {
            double mean = 0;
            for (int p = 0; p < plane; p++) {
                mean += luma(d, p, plane, rgb);
            }
            mean /= plane;
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) ((d[i] - mean) * c + mean);
            }
            out.clamp01();
        }
        if (rgb && s != 1) {
            for (int p = 0; p < plane; p++) {
                double g = luma(d, p, plane, true);
                for (int ch = 0; ch < 3; ch++) {
                    int i = ch * plane + p;
                    d[i] = (float) ((d[i] - g) * s + g);
                }
            }
            out.clamp01();
        }
        if (rgb && h != 0) {
            float[] hsv = new float[3];
            for (int p = 0; p < plane; p++) {
                rgbToHsv(d[p], d[plane + p], d[2 * plane + p], hsv);
                double hh = hsv[0] + h;
                hh -= Math.floor(hh);
                hsvToRgb((float) hh, hsv[1], hsv[2], d, p, plane);
            }
        }
        return out;
    }

    private static double luma(float[] d, int p, int plane, boolean rgb) {
        if (!rgb) {
            return d[p];
        }
        return 0.299 * d[p] + 0.587 * d[plane + p] + 0.114 * d[2 * plane + p];
    }

    private static void rgbToHsv(float r, float g, float b, float[] hsv) {
        float max = Math.max(r, Math.max(g, b));
        float min = Math.min(r, Math.min(g, b));
        float delta = max - min;
        float hue = 0f;
        if (delta > 0f) {
            if (max == r) {
                hue = ((g - b) / delta) / 6f;
            } else if (max == g) {
                hue = ((b - r) / delta + 2f) / 6f;
            } else {
                hue = ((r - g) / delta + 4f) / 6f;
            }
            if (hue < 0f) {
                hue += 1f;
            }
        }
        hsv[0] = hue;
        hsv[1] = max > 0f ? delta / max : 0f;
        hsv[2] = max;
    }

    private static void hsvToRgb(float h, float s, float v, float[] d, int p, int plane) {
        float h6 = h * 6f;
        int sector = (int) Math.floor(h6) % 6;
        float f = h6 - (float) Math.floor(h6);
        float pp = v * (1 - s);
        float q = v * (1 - s * f);
        float t = v * (1 - s * (1 - f));
        float r;
        float g;
        float b;
        switch (sector) {
            case 0: r = v; g = t; b = pp; break;
            case 1: r = q; g = v; b = pp; break;
            case 2: r = pp; g = v; b = t; break;
            case 3: r = pp; g = q; b = v; break;
            case 4: r = t; g = pp; b = v; break;
            default: r = v; g = pp; b = q; break;
        }
        d[p] = r;
        d[plane + p] = g;
        d[2 * plane + p] = b;
    }

    @Override
    public String toString() {
        return "ColorJitter(brightness=" + brightness + ", contrast=" + contrast
                + ", saturation=" + saturation + ", hue=" + hue + ")";
    }
}
