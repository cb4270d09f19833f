package dev.facesr.metrics;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004), mean SSIM over the image.
 *
 * <p>Conventions, matching scikit-image's {@code structural_similarity(gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False, data_range=255)} and Wang et al.'s MATLAB code: values on
 * the 0-255 scale (see {@link Psnr} for how inputs get there), an 11x11 Gaussian window with sigma
 * 1.5 (normalised, separable; radius {@code int(3.5 * 1.5 + 0.5) = 5}), K1 = 0.01, K2 = 0.03, data
 * range L = 255 (C1 = (K1 L)^2, C2 = (K2 L)^2), population (not sample) covariances, and the mean
 * taken over the "valid" positions only (those whose window lies inside the image, i.e. 5 pixels
 * less on each side). On {@link ChannelMode#Y} it is measured on the BT.601 luma; on {@link
 * ChannelMode#RGB} it is the mean of the per-channel values. An optional border crop is applied
 * before. Images (after the crop) must be at least 11x11.
 *
 * <p>Identical images give exactly 1. Computation is in double precision. Instances are immutable
 * and thread-safe.
 */
public final class Ssim {
    /** Gaussian window standard deviation. */
    public static final double SIGMA = 1.5;
    /** Window radius: {@code int(3.5 * SIGMA + 0.5)}, giving an 11x11 window. */
    public static final int RADIUS = 5;
    /** SSIM constant K1. */
    public static final double K1 = 0.01;
    /** SSIM constant K2. */
    public static final double K2 = 0.03;
    /** Data range on the 0-255 scale. */
    public static final double DATA_RANGE = 255;

    private static final double[] WINDOW = gaussian(SIGMA, RADIUS);
    private static final double C1 = (K1 * DATA_RANGE) * (K1 * DATA_RANGE);
    private static final double C2 = (K2 * DATA_RANGE) * (K2 * DATA_RANGE);

    private final ChannelMode channels;
    private final int crop;
    private final ValueRange inputRange;

    private Ssim(Builder b) {
        this.channels = b.channels;
        this.crop = b.crop;
        this.inputRange = b.inputRange;
    }

    /**
     * Returns a builder with the defaults: RGB channel mean, no crop, NDArray input in [0, 1].
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Measures one image pair; each image's own {@link ValueRange} is used.
     *
     * @param sr the image to judge
     * @param hr the reference, same shape
     * @return the mean SSIM, at most 1 (1 for identical images)
     */
    public double compute(FloatImage sr, FloatImage hr) {
        Planes p = Planes.of(sr, hr, channels, crop, "SSIM");
        if (p.height < 2 * RADIUS + 1 || p.width < 2 * RADIUS + 1) {
            throw new IllegalArgumentException(
                    "SSIM needs images of at least 11x11 after the border crop, got " + p.height + "x"
                            + p.width);
        }
        double sum = 0;
        for (int c = 0; c < p.a.length; c++) {
            sum += plane(p.a[c], p.b[c], p.height, p.width);
        }
        return sum / p.a.length;
    }

    /**
     * Measures two 8-bit images (grey ones become RGB).
     *
     * @param sr the image to judge
     * @param hr the reference
     * @return the mean SSIM
     */
    public double compute(BufferedImage sr, BufferedImage hr) {
        return compute(ImageConversions.fromBufferedImage(sr), ImageConversions.fromBufferedImage(hr));
    }

    /**
     * Measures two image files (PNG, JPEG, BMP, ...; grey files become RGB).
     *
     * @param sr the image to judge
     * @param hr the reference
     * @return the mean SSIM
     * @throws IOException if a file cannot be read as an image
     */
    public double compute(Path sr, Path hr) throws IOException {
        return compute(ImageConversions.read(sr), ImageConversions.read(hr));
    }

    /**
     * Measures two DJL images.
     *
     * @param sr the image to judge
     * @param hr the reference
     * @return the mean SSIM
     */
    public double compute(Image sr, Image hr) {
        return compute(ImageConversions.fromDjlImage(sr), ImageConversions.fromDjlImage(hr));
    }

    /**
     * Measures a CHW pair or an NCHW batch of pairs, values in the {@link Builder#optInputRange
     * input range}. Each array is copied to the JVM once.
     *
     * @param sr the images to judge, CHW or NCHW
     * @param hr the references, same shape
     * @return one SSIM per image (length 1 for CHW)
     */
    public double[] compute(NDArray sr, NDArray hr) {
        List<FloatImage> a = ImageConversions.fromNDArray(sr, inputRange);
        List<FloatImage> b = ImageConversions.fromNDArray(hr, inputRange);
        Psnr.checkBatch(a.size(), b.size(), sr, hr, "SSIM");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compute(a.get(i), b.get(i));
        }
        return out;
    }

    /** Mean SSIM of one plane pair on the 0-255 scale, over the valid window positions. */
    static double plane(float[] x, float[] y, int h, int w) {
        int k = 2 * RADIUS + 1;
        int vw = w - k + 1;
        int vh = h - k + 1;
        // horizontal pass over every row, valid columns only
        double[] hx = new double[h * vw];
        double[] hy = new double[h * vw];
        double[] hxx = new double[h * vw];
        double[] hyy = new double[h * vw];
        double[] hxy = new double[h * vw];
        for (int r = 0; r < h; r++) {
            int row = r * w;
            int o = r * vw;
            for (int j = 0; j < vw; j++) {
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                int base = row + j;
                for (int t = 0; t < k; t++) {
                    double g = WINDOW[t];
                    double a = x[base + t];
                    double b = y[base + t];
                    double ga = g * a;
                    double gb = g * b;
                    sx += ga;
                    sy += gb;
                    sxx += ga * a;
                    syy += gb * b;
                    sxy += ga * b;
                }
                hx[o + j] = sx;
                hy[o + j] = sy;
                hxx[o + j] = sxx;
                hyy[o + j] = syy;
                hxy[o + j] = sxy;
            }
        }
        // vertical pass, valid rows only, and the SSIM map's mean
        double total = 0;
        double[] mx = new double[vw];
        double[] my = new double[vw];
        double[] mxx = new double[vw];
        double[] myy = new double[vw];
        double[] mxy = new double[vw];
        for (int i = 0; i < vh; i++) {
            java.util.Arrays.fill(mx, 0);
            java.util.Arrays.fill(my, 0);
            java.util.Arrays.fill(mxx, 0);
            java.util.Arrays.fill(myy, 0);
            java.util.Arrays.fill(mxy, 0);
            for (int t = 0; t < k; t++) {
                double g = WINDOW[t];
                int o = (i + t) * vw;
                for (int j = 0; j < vw; j++) {
                    mx[j] += g * hx[o + j];
                    my[j] += g * hy[o + j];
                    mxx[j] += g * hxx[o + j];
                    myy[j] += g * hyy[o + j];
                    mxy[j] += g * hxy[o + j];
                }
            }
            for (int j = 0; j < vw; j++) {
                double ux = mx[j];
                double uy = my[j];
                double vx = mxx[j] - ux * ux;
                double vy = myy[j] - uy * uy;
                double vxy = mxy[j] - ux * uy;
                double num = (2 * ux * uy + C1) * (2 * vxy + C2);
                double den = (ux * ux + uy * uy + C1) * (vx + vy + C2);
                total += num / den;
            }
        }
        return total / ((double) vh * vw);
    }

    private static double[] gaussian(double sigma, int radius) {
        double[] g = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            g[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += g[i + radius];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /**
     * Returns the channels measured.
     *
     * @return the channel mode
     */
    public ChannelMode channels() {
        return channels;
    }

    /**
     * Returns the border crop in pixels.
     *
     * @return the crop
     */
    public int crop() {
        return crop;
    }

    /**
     * Returns the range NDArray inputs are taken to be in.
     *
     * @return the input range
     */
    public ValueRange inputRange() {
        return inputRange;
    }

    @Override
    public String toString() {
        return "SSIM[" + channels + ", crop=" + crop + ", gaussian 11x11 sigma=1.5, K1=0.01, K2=0.03, L=255"
                + ", ndarray input " + inputRange + "]";
    }

    /** Builds an {@link Ssim}. */
    public static final class Builder {
        private ChannelMode channels = ChannelMode.RGB;
        private int crop;
        private ValueRange inputRange = ValueRange.UNIT;

        private Builder() {}

        /**
         * Sets the channels to measure on (default {@link ChannelMode#RGB}, the channel mean).
         *
         * @param channels RGB or Y
         * @return this builder
         */
        public Builder optChannels(ChannelMode channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of pixels removed from each border before measuring (default 0).
         *
         * @param crop the border crop in pixels
         * @return this builder
         */
        public Builder optCrop(int crop) {
            this.crop = crop;
            return this;
        }

        /**
         * Sets the range of NDArray inputs (default {@link ValueRange#UNIT}, [0, 1]).
         *
         * @param inputRange the range
         * @return this builder
         */
        public Builder optInputRange(ValueRange inputRange) {
            this.inputRange = inputRange;
            return this;
        }

        /**
         * Builds the metric.
         *
         * @return the metric
         * @throws IllegalArgumentException if a setting is invalid
         */
        public Ssim build() {
            if (channels == null) {
                throw new IllegalArgumentException("optChannels: give RGB or Y, not null");
            }
            if (inputRange == null) {
                throw new IllegalArgumentException("optInputRange: give UNIT ([0,1]) or BYTE ([0,255]), not null");
            }
            if (crop < 0) {
                throw new IllegalArgumentException("optCrop: the border crop must be >= 0, got " + crop);
            }
            return new Ssim(this);
        }
    }
}
