package dev.facesr.metrics.landmark;

import java.util.Arrays;

/**
 * The landmark error of a set of images: per-image normalised errors and their summaries.
 *
 * <p>{@link #fractionBelow()} is the share of images whose error is strictly below the threshold;
 * {@link #auc()} is the area under the cumulative error distribution (CED) from 0 to the
 * threshold divided by the threshold, so it lies in [0, 1] (1 when every error is 0). It is
 * computed exactly: {@code mean_i max(0, threshold - e_i) / threshold}.
 */
public final class LandmarkErrorSummary {
    private final double[] perImage;
    private final double threshold;
    private final double mean;
    private final double fractionBelow;
    private final double auc;

    /**
     * Summarises per-image errors.
     *
     * @param perImage the normalised error of each image (at least one)
     * @param threshold the threshold for the fraction and the CED area, {@literal > 0}
     * @throws IllegalArgumentException if there are no errors, an error is negative or not
     *     finite, or the threshold is not positive
     */
    public LandmarkErrorSummary(double[] perImage, double threshold) {
        if (perImage == null || perImage.length == 0) {
            throw new IllegalArgumentException("Need the errors of at least one image, got none");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("The threshold must be a positive number, got " + threshold);
        }
        double sum = 0;
        int below = 0;
        double area = 0;
        for (int i = 0; i < perImage.length; i++) {
            double e = perImage[i];
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("Image " + i + " has an invalid error " + e);
            }
            sum += e;
            if (e < threshold) {
                below++;
                area += threshold - e;
            }
        }
        this.perImage = perImage.clone();
        this.threshold = threshold;
        this.mean = sum / perImage.length;
        this.fractionBelow = (double) below / perImage.length;
        this.auc = area / threshold / perImage.length;
    }

    /**
     * Returns the normalised mean point error of each image (a copy).
     *
     * @return the per-image errors
     */
    public double[] perImage() {
        return perImage.clone();
    }

    /**
     * Returns the number of images.
     *
     * @return the count
     */
    public int count() {
        return perImage.length;
    }

    /**
     * Returns the threshold used for {@link #fractionBelow()} and {@link #auc()}.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Returns the mean of the per-image errors.
     *
     * @return the mean normalised error
     */
    public double mean() {
        return mean;
    }

    /**
     * Returns the share of images with an error below the threshold (1 - failure rate).
     *
     * @return a fraction in [0, 1]
     */
    public double fractionBelow() {
        return fractionBelow;
    }

    /**
     * Returns the area under the CED curve up to the threshold, normalised to [0, 1].
     *
     * @return the normalised area
     */
    public double auc() {
        return auc;
    }

    @Override
    public String toString() {
        return String.format(
                "LandmarkError[n=%d, mean=%.5f, below %.3f: %.4f, AUC@%.3f: %.4f]",
                perImage.length, mean, threshold, fractionBelow, threshold, auc)
                + (perImage.length <= 5 ? " " + Arrays.toString(perImage) : "");
    }
}
