package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Checks and reductions that losses share: picking an entry of an input list with a clear
 * message, comparing shapes, and reducing an array to one value per sample.
 *
 * <p>Public so that custom losses can give the same clear messages as the built-in ones.
 */
public final class LossInputs {

    private LossInputs() {}

    /**
     * Returns entry {@code index} of a list, or explains what was missing.
     *
     * @param lossName the name of the loss asking, for the message
     * @param list the labels or predictions
     * @param role "labels" or "predictions", for the message
     * @param index the entry wanted
     * @return the entry
     * @throws IllegalArgumentException if the list is null or too short
     */
    public static NDArray entry(String lossName, NDList list, String role, int index) {
        if (list == null || list.size() <= index) {
            throw new IllegalArgumentException(
                    lossName
                            + ": "
                            + role
                            + " must have at least "
                            + (index + 1)
                            + " entr"
                            + (index == 0 ? "y" : "ies")
                            + " but has "
                            + (list == null ? "none (null)" : String.valueOf(list.size()))
                            + "; pass the arrays this loss documents (or select them with"
                            + " WeightedSumLoss)");
        }
        return list.get(index);
    }

    /**
     * Throws unless two arrays have the same shape.
     *
     * @param lossName the name of the loss asking, for the message
     * @param nameA what the first array is, e.g. "predictions[0]"
     * @param a the first array
     * @param nameB what the second array is, e.g. "labels[0]"
     * @param b the second array
     * @throws IllegalArgumentException naming both shapes if they differ
     */
    public static void requireSameShape(
            String lossName, String nameA, NDArray a, String nameB, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(
                    lossName
                            + ": "
                            + nameA
                            + " has shape "
                            + a.getShape()
                            + " but "
                            + nameB
                            + " has shape "
                            + b.getShape()
                            + "; they must be equal");
        }
    }

    /**
     * Throws unless an array has the given number of dimensions.
     *
     * @param lossName the name of the loss asking, for the message
     * @param name what the array is, e.g. "predictions[0]"
     * @param array the array
     * @param rank the number of dimensions wanted
     * @param layout the expected layout, e.g. "NCHW", for the message
     * @throws IllegalArgumentException if the rank differs
     */
    public static void requireRank(
            String lossName, String name, NDArray array, int rank, String layout) {
        if (array.getShape().dimension() != rank) {
            throw new IllegalArgumentException(
                    lossName
                            + ": "
                            + name
                            + " must have "
                            + rank
                            + " dimensions ("
                            + layout
                            + ") but has shape "
                            + array.getShape());
        }
    }

    /**
     * Throws unless an array has at least one dimension (the batch) and a non-empty batch.
     *
     * @param lossName the name of the loss asking, for the message
     * @param name what the array is
     * @param array the array
     * @throws IllegalArgumentException if the array is a scalar or has an empty batch
     */
    public static void requireBatch(String lossName, String name, NDArray array) {
        Shape shape = array.getShape();
        if (shape.dimension() == 0 || shape.get(0) == 0) {
            throw new IllegalArgumentException(
                    lossName
                            + ": "
                            + name
                            + " must have a non-empty batch axis first but has shape "
                            + shape);
        }
    }

    /**
     * Averages an array over every axis but the first: {@code (N, ...)} to {@code (N)}.
     *
     * @param array an array with the batch on axis 0
     * @return the per-sample means, shape {@code (N)}
     */
    public static NDArray meanPerSample(NDArray array) {
        if (array.getShape().dimension() == 1) {
            return array;
        }
        return array.reshape(array.getShape().get(0), -1).mean(new int[] {1});
    }

    /**
     * Sums an array over every axis but the first: {@code (N, ...)} to {@code (N)}.
     *
     * @param array an array with the batch on axis 0
     * @return the per-sample sums, shape {@code (N)}
     */
    public static NDArray sumPerSample(NDArray array) {
        if (array.getShape().dimension() == 1) {
            return array;
        }
        return array.reshape(array.getShape().get(0), -1).sum(new int[] {1});
    }

    /**
     * Checks a weight: finite and not negative.
     *
     * @param what what the weight is, for the message (e.g. "pixel_l1: weight")
     * @param weight the weight
     * @return the weight
     * @throws IllegalArgumentException if the weight is negative, NaN or infinite
     */
    public static float requireWeight(String what, float weight) {
        if (!Float.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException(
                    what + " must be a finite number >= 0 but was " + weight
                            + " (0 switches the term off)");
        }
        return weight;
    }
}
