package dev.facesr.core.train;

import ai.djl.ndarray.NDList;

/**
 * One figure computed on a validation batch, e.g. a loss, PSNR or SSIM; its convention (range,
 * border, colour space) is the metric's to state. {@link DatasetValidator} averages it over
 * batches, weighted by batch size.
 */
public interface ValidationMetric {

    /**
     * Returns the figure's name (the validator prefixes it, e.g. {@code val/psnr}).
     *
     * @return the name
     */
    String getName();

    /**
     * Computes the figure's mean over one batch.
     *
     * @param labels the batch's labels
     * @param predictions the stage's predictions for the batch's data
     * @return the batch mean
     */
    double evaluate(NDList labels, NDList predictions);
}
