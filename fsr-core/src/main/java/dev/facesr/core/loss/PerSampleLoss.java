package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The one thing a loss has to compute: one unweighted value per sample.
 *
 * <p>Used by {@link FaceLoss#of(String, PerSampleLoss)} to write a custom loss as a lambda; the
 * {@link FaceLoss} around it applies the weight and the reduction.
 */
@FunctionalInterface
public interface PerSampleLoss {

    /**
     * Computes the unweighted loss of every sample of the batch.
     *
     * @param labels the labels (targets) of the batch
     * @param predictions the predictions of the batch
     * @return an array of shape {@code (N)}, one value per sample
     */
    NDArray perSample(NDList labels, NDList predictions);
}
