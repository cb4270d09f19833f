package dev.facesr.models.recognition;

import dev.facesr.metrics.identity.VerificationProtocol;
import dev.facesr.metrics.identity.VerificationResult;
import java.util.List;
import java.util.Objects;

/**
 * Picks the decision threshold from labelled pairs with fsr-metrics' {@link VerificationProtocol}
 * (LFW k-fold): for each fold the threshold with the best accuracy on the other k-1 folds is
 * chosen (exact search, smallest on ties) and its accuracy is measured on the held-out fold. The
 * calibrated threshold is the mean of the k fold thresholds; the held-out accuracies say how well
 * it generalises. Folds are contiguous in the given order, so interleave same and different pairs.
 *
 * <p>Calibrate with the probes you will see: a threshold found on high-resolution pairs does not
 * carry over to low-resolution probes embedded by a student or after super-resolution; calibrate
 * with pairs of that kind and that strategy. Immutable and thread-safe.
 */
public final class ThresholdCalibration {
    private final VerificationProtocol protocol;

    private ThresholdCalibration(VerificationProtocol protocol) {
        this.protocol = protocol;
    }

    /**
     * Returns a calibration with LFW's 10 folds.
     *
     * @return the calibration
     */
    public static ThresholdCalibration lfw() {
        return new ThresholdCalibration(VerificationProtocol.lfw());
    }

    /**
     * Returns a calibration with k folds.
     *
     * @param folds the number of folds, at least 2
     * @return the calibration
     */
    public static ThresholdCalibration withFolds(int folds) {
        return new ThresholdCalibration(VerificationProtocol.withFolds(folds));
    }

    /**
     * Picks a threshold from pair similarities.
     *
     * @param similarities one cosine similarity per pair, finite
     * @param samePerson each pair's label
     * @return the threshold and its cross-validated accuracy
     * @throws IllegalArgumentException if the arrays differ in length, there are fewer pairs than
     *     folds, or the pairs are all of one label
     */
    public CalibratedThreshold calibrate(double[] similarities, boolean[] samePerson) {
        Objects.requireNonNull(similarities, "similarities");
        Objects.requireNonNull(samePerson, "samePerson");
        int same = 0;
        for (boolean s : samePerson) {
            same += s ? 1 : 0;
        }
        if (same == 0 || same == samePerson.length) {
            throw new IllegalArgumentException("Calibration needs both same-person and different-person pairs, got "
                    + same + " same of " + samePerson.length);
        }
        VerificationResult r = protocol.evaluate(similarities, samePerson);
        double[] t = r.thresholds();
        double mean = 0;
        for (double v : t) {
            mean += v;
        }
        mean /= t.length;
        return new CalibratedThreshold(Math.max(-1, Math.min(1, mean)), t, r.meanAccuracy(), r.stdAccuracy(),
                similarities.length);
    }

    /**
     * Picks a threshold for a recognizer from labelled face pairs, embedding each face with a
     * strategy (the recognizer needs no threshold for this).
     *
     * @param recognizer the recognizer whose embeddings are calibrated
     * @param pairs the labelled pairs
     * @param strategy how low-resolution faces are embedded
     * @return the threshold; apply it with {@link FaceRecognizer#setThreshold(double)}
     */
    public CalibratedThreshold calibrate(FaceRecognizer recognizer, List<LabelledPair> pairs,
            LowResolutionStrategy strategy) {
        Objects.requireNonNull(recognizer, "recognizer");
        Objects.requireNonNull(pairs, "pairs");
        double[] s = new double[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < s.length; i++) {
            LabelledPair p = pairs.get(i);
            s[i] = recognizer.similarity(p.first(), p.second(), strategy);
            same[i] = p.samePerson();
        }
        return calibrate(s, same);
    }

    /**
     * Returns the number of folds.
     *
     * @return the folds
     */
    public int folds() {
        return protocol.folds();
    }
}
