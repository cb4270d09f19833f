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
 * Peak signal-to-noise ratio, {@code 10 log10(peak^2 / MSE)} in dB.
 *
 * <p>Conventions: values are brought to the 0-255 scale first (the input range of NDArrays is
 * {@link Builder#optInputRange stated}, {@link ValueRange#UNIT} by default; images and files are
 * 8-bit); the peak is on that scale (255 by default); on {@link ChannelMode#RGB} the squared error
 * is averaged over all channels and pixels, on {@link ChannelMode#Y} over the BT.601 luma of
 * MATLAB's {@code rgb2ycbcr} (not rounded); {@link Builder#optCrop crop} pixels are removed from
 * each border before measuring (as BasicSR's {@code crop_border}).
 *
 * <p>Identical images give {@code +Infinity}: the MSE is 0 and any finite cap (such as 100 dB)
 * would be an arbitrary number that silently changes averages. scikit-image returns infinity too.
 * A set mean that includes such a pair is therefore infinite; callers that average should report
 * such pairs separately.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Psnr {
    private final ChannelMode channels;
    private final int crop;
    private final double peak;
    private final ValueRange inputRange;

    private Psnr(Builder b) {
        this.channels = b.channels;
        this.crop = b.crop;
        this.peak = b.peak;
        this.inputRange = b.inputRange;
    }

    /**
     * Returns a builder with the defaults: RGB, no crop, peak 255, NDArray input in [0, 1].
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Measures one image pair; each image's own {@link ValueRange} is used.
     *
     * @param sr the image to judge (e.g. super-resolved)
     * @param hr the reference (ground truth) of the same shape
     * @return the PSNR in dB, {@code +Infinity} for identical images
     */
    public double compute(FloatImage sr, FloatImage hr) {
        Planes p = Planes.of(sr, hr, channels, crop, "PSNR");
        double sum = 0;
        long count = 0;
        for (int c = 0; c < p.a.length; c++) {
            float[] a = p.a[c];
            float[] b = p.b[c];
            for (int i = 0; i < a.length; i++) {
                double d = (double) a[i] - b[i];
                sum += d * d;
            }
            count += a.length;
        }
        double mse = sum / count;
        if (mse == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(peak * peak / mse);
    }

    /**
     * Measures two 8-bit images (grey ones become RGB).
     *
     * @param sr the image to judge
     * @param hr the reference
     * @return the PSNR in dB
     */
    public double compute(BufferedImage sr, BufferedImage hr) {
        return compute(ImageConversions.fromBufferedImage(sr), ImageConversions.fromBufferedImage(hr));
    }

    /**
     * Measures two image files (PNG, JPEG, BMP, ...; grey files become RGB).
     *
     * @param sr the image to judge
     * @param hr the reference
     * @return the PSNR in dB
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
     * @return the PSNR in dB
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
     * @return one PSNR per image (length 1 for CHW)
     */
    public double[] compute(NDArray sr, NDArray hr) {
        List<FloatImage> a = ImageConversions.fromNDArray(sr, inputRange);
        List<FloatImage> b = ImageConversions.fromNDArray(hr, inputRange);
        checkBatch(a.size(), b.size(), sr, hr, "PSNR");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compute(a.get(i), b.get(i));
        }
        return out;
    }

    static void checkBatch(int na, int nb, NDArray a, NDArray b, String metric) {
        if (na != nb || !a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(
                    metric + " needs arrays of the same shape, got " + a.getShape() + " and " + b.getShape());
        }
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
     * Returns the peak value on the 0-255 scale.
     *
     * @return the peak
     */
    public double peak() {
        return peak;
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
        return "PSNR[" + channels + ", crop=" + crop + ", peak=" + peak + ", ndarray input " + inputRange + "]";
    }

    /** Builds a {@link Psnr}. */
    public static final class Builder {
        private ChannelMode channels = ChannelMode.RGB;
        private int crop;
        private double peak = 255;
        private ValueRange inputRange = ValueRange.UNIT;

        private Builder() {}

        /**
         * Sets the channels to measure on (default {@link ChannelMode#RGB}).
         *
         * @param channels RGB or Y
         * @return this builder
         */
        public Builder optChannels(ChannelMode channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of pixels removed from each border before measuring (default 0; SR papers
         * often crop the scale factor).
         *
         * @param crop the border crop in pixels
         * @return this builder
         */
        public Builder optCrop(int crop) {
            this.crop = crop;
            return this;
        }

        /**
         * Sets the peak value on the 0-255 scale (default 255).
         *
         * @param peak the peak
         * @return this builder
         */
        public Builder optPeak(double peak) {
            this.peak = peak;
            return this;
        }

        /**
         * Sets the range of NDArray inputs (default {@link ValueRange#UNIT}, [0, 1]). Images and
         * files are always 8-bit and ignore this.
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
        public Psnr build() {
            if (channels == null) {
                throw new IllegalArgumentException("optChannels: give RGB or Y, not null");
            }
            if (inputRange == null) {
                throw new IllegalArgumentException("optInputRange: give UNIT ([0,1]) or BYTE ([0,255]), not null");
            }
            if (crop < 0) {
                throw new IllegalArgumentException("optCrop: the border crop must be >= 0, got " + crop);
            }
            if (!(peak > 0) || Double.isInfinite(peak)) {
                throw new IllegalArgumentException(
                        "optPeak: the peak must be a positive number on the 0-255 scale, got " + peak);
            }
            return new Psnr(this);
        }
    }
}
