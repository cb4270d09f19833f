package dev.facesr.metrics.identity;

import java.util.Arrays;

/**
 * Face-verification accuracy over labelled pairs with the LFW k-fold protocol: the pairs are split
 * into k contiguous folds in the given order (as scikit-learn's {@code KFold(shuffle=False)}: the
 * first {@code n % k} folds get one pair more); for each fold the threshold with the best accuracy
 * on the other k-1 folds is chosen and the accuracy is measured on the held-out fold.
 *
 * <p>A pair is called "same person" when its similarity is at or above the threshold. Candidate
 * thresholds are every midpoint between consecutive distinct training similarities plus one below
 * the smallest and one above the largest, so the best threshold is found exactly; among equally
 * good ones the smallest is taken. Immutable and thread-safe.
 */
public final class VerificationProtocol {
    /** The default number of folds (LFW's 10). */
    public static final int DEFAULT_FOLDS = 10;

    private final int folds;

    private VerificationProtocol(int folds) {
        this.folds = folds;
    }

    /**
     * Returns the protocol with 10 folds.
     *
     * @return the protocol
     */
    public static VerificationProtocol lfw() {
        return new VerificationProtocol(DEFAULT_FOLDS);
    }

    /**
     * Returns the protocol with a given number of folds.
     *
     * @param folds the number of folds, at least 2
     * @return the protocol
     */
    public static VerificationProtocol withFolds(int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("Need at least 2 folds, got " + folds);
        }
        return new VerificationProtocol(folds);
    }

    /**
     * Evaluates labelled pair similarities.
     *
     * @param similarities one similarity per pair (higher means more alike), finite
     * @param samePerson whether each pair shows the same person
     * @return the per-fold accuracies and thresholds
     * @throws IllegalArgumentException if the arrays differ in length or there are fewer pairs
     *     than folds
     */
    public VerificationResult evaluate(double[] similarities, boolean[] samePerson) {
        int n = similarities.length;
        if (samePerson.length != n) {
            throw new IllegalArgumentException(
                    "Got " + n + " similarities but " + samePerson.length + " labels");
        }
        if (n < folds) {
            throw new IllegalArgumentException(
                    "Need at least one pair per fold: " + n + " pairs for " + folds + " folds");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(similarities[i])) {
                throw new IllegalArgumentException("Similarity " + i + " is not finite: " + similarities[i]);
            }
        }
        double[] acc = new double[folds];
        double[] thr = new double[folds];
        int start = 0;
        for (int f = 0; f < folds; f++) {
            int size = n / folds + (f < n % folds ? 1 : 0);
            int end = start + size;
            double[] trainS = new double[n - size];
            boolean[] trainL = new boolean[n - size];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (i < start || i >= end) {
                    trainS[t] = similarities[i];
                    trainL[t++] = samePerson[i];
                }
            }
            thr[f] = bestThreshold(trainS, trainL);
            acc[f] = accuracy(similarities, samePerson, start, end, thr[f]);
            start = end;
        }
        return new VerificationResult(acc, thr);
    }

    /**
     * Returns the threshold with the best accuracy on the given pairs (the smallest on ties).
     *
     * @param similarities the similarities
     * @param samePerson the labels
     * @return the threshold
     */
    static double bestThreshold(double[] similarities, boolean[] samePerson) {
        int n = similarities.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(similarities[a], similarities[b]));
        int positives = 0;
        for (boolean s : samePerson) {
            positives += s ? 1 : 0;
        }
        // threshold below everything: all called same -> correct = positives
        int correct = positives;
        int bestCorrect = correct;
        double best = similarities[order[0]] - 1;
        int i = 0;
        while (i < n) {
            double v = similarities[order[i]];
            // move every pair with similarity v below the threshold
            while (i < n && similarities[order[i]] == v) {
                correct += samePerson[order[i]] ? -1 : 1;
                i++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = i < n ? (v + similarities[order[i]]) / 2 : v + 1;
            }
        }
        return best;
    }

    private static double accuracy(double[] s, boolean[] same, int from, int to, double threshold) {
        int correct = 0;
        for (int i = from; i < to; i++) {
            if ((s[i] >= threshold) == same[i]) {
                correct++;
            }
        }
        return (double) correct / (to - from);
    }

    /**
     * Returns the number of folds.
     *
     * @return the folds
     */
    public int folds() {
        return folds;
    }
}
