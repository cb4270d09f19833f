package dev.facesr.models.recognition;

/**
 * A decision threshold picked by {@link ThresholdCalibration}, with the cross-validated accuracy
 * that supports it.
 *
 * @param threshold the threshold: the mean of the per-fold thresholds
 * @param foldThresholds the threshold chosen on each fold's training part
 * @param meanAccuracy the mean accuracy on the held-out folds, in [0, 1]
 * @param stdAccuracy the population standard deviation of the fold accuracies
 * @param pairs the number of labelled pairs used
 */
public record CalibratedThreshold(double threshold, double[] foldThresholds, double meanAccuracy, double stdAccuracy,
        int pairs) {

    /**
     * Copies the fold thresholds.
     *
     * @param threshold the threshold
     * @param foldThresholds the per-fold thresholds
     * @param meanAccuracy the mean held-out accuracy
     * @param stdAccuracy the standard deviation
     * @param pairs the pair count
     */
    public CalibratedThreshold {
        foldThresholds = foldThresholds.clone();
    }

    /**
     * Returns a copy of the per-fold thresholds.
     *
     * @return the thresholds
     */
    @Override
    public double[] foldThresholds() {
        return foldThresholds.clone();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "threshold %.4f (accuracy %.4f +- %.4f over %d folds, %d pairs)",
                threshold, meanAccuracy, stdAccuracy, foldThresholds.length, pairs);
    }
}
