package dev.facesr.metrics.identity;

import java.util.Arrays;

/**
 * The outcome of a k-fold verification evaluation: each fold's accuracy on its held-out pairs and
 * the threshold chosen on the other folds, with the mean and (population) standard deviation of
 * the accuracies, as LFW results are reported.
 */
public final class VerificationResult {
    private final double[] accuracies;
    private final double[] thresholds;

    VerificationResult(double[] accuracies, double[] thresholds) {
        this.accuracies = accuracies.clone();
        this.thresholds = thresholds.clone();
    }

    /**
     * Returns the accuracy of each held-out fold (a copy).
     *
     * @return the fold accuracies, each in [0, 1]
     */
    public double[] foldAccuracies() {
        return accuracies.clone();
    }

    /**
     * Returns the threshold chosen for each fold (a copy): pairs with a similarity at or above it
     * are called the same person.
     *
     * @return the thresholds
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Returns the mean fold accuracy.
     *
     * @return the mean accuracy
     */
    public double meanAccuracy() {
        return Arrays.stream(accuracies).average().orElse(Double.NaN);
    }

    /**
     * Returns the population standard deviation of the fold accuracies (numpy's {@code std}, as
     * the LFW evaluation scripts report it).
     *
     * @return the standard deviation
     */
    public double stdAccuracy() {
        double m = meanAccuracy();
        double s = 0;
        for (double a : accuracies) {
            s += (a - m) * (a - m);
        }
        return Math.sqrt(s / accuracies.length);
    }

    @Override
    public String toString() {
        return String.format("Verification[%d folds, accuracy %.4f +- %.4f]", accuracies.length, meanAccuracy(), stdAccuracy());
    }
}
