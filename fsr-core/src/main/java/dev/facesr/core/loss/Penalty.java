package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * An element-wise penalty on a difference {@code d = prediction - label}: L1 {@code |d|}, L2
 * {@code d²} or Charbonnier. Losses average it per sample.
 *
 * <p>Any lambda {@code d -> ...} is a penalty too, as long as it is zero at {@code d = 0} and
 * non-negative.
 */
@FunctionalInterface
public interface Penalty {

    /** {@code |d|}: the mean of it is the mean absolute error. */
    Penalty L1 = NDArray::abs;

    /** {@code d²}: the mean of it is the mean squared error (MSE). */
    Penalty L2 = NDArray::square;

    /**
     * Applies the penalty element-wise.
     *
     * @param difference the difference between prediction and label
     * @return an array of the same shape
     */
    NDArray apply(NDArray difference);

    /**
     * The Charbonnier penalty {@code sqrt(d² + ε²) - ε}: a smooth L1 (LapSRN). The constant
     * {@code -ε} makes it zero when prediction equals label and does not change the gradient.
     *
     * @param epsilon the smoothing constant, {@code > 0} (BasicSR uses 1e-3 for images in [0, 1])
     * @return the penalty
     * @throws IllegalArgumentException if epsilon is not a finite positive number
     */
    static Penalty charbonnier(float epsilon) {
        if (!Float.isFinite(epsilon) || epsilon <= 0) {
            throw new IllegalArgumentException(
                    "Charbonnier epsilon must be a finite number > 0 but was " + epsilon
                            + "; 1e-3 is usual for images in [0, 1]");
        }
        float epsilonSquared = epsilon * epsilon;
        return d -> d.square().add(epsilonSquared).sqrt().sub(epsilon);
    }
}
