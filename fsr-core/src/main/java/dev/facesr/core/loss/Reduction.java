package dev.facesr.core.loss;

/**
 * How a {@link FaceLoss} turns its per-sample values (shape {@code (N)}) into its result.
 *
 * <p>Every loss in this package computes one value per sample first, multiplies it by the loss
 * weight, and then reduces it over the batch.
 */
public enum Reduction {
    /** The mean over the batch: a scalar, independent of the batch size (the default). */
    MEAN,
    /** The sum over the batch: a scalar, {@code N} times the mean. */
    SUM,
    /** No reduction: the weighted per-sample values, shape {@code (N)}. */
    NONE
}
