package dev.facesr.metrics.identity;

import ai.djl.ndarray.NDArray;

/**
 * Anything that maps a batch of face images to embeddings: a recognition model's predictor, a
 * DJL block, or a test double. The metrics never need to know which model it is.
 */
@FunctionalInterface
public interface EmbeddingFunction {
    /**
     * Embeds a batch of images.
     *
     * @param images an NCHW float32 batch, RGB, values in [0, 1]
     * @return an (N, D) array of embeddings (need not be normalised)
     */
    NDArray embed(NDArray images);
}
