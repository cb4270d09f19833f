package dev.facesr.metrics.identity;

import ai.djl.ndarray.NDArray;

/**
 * Identity preservation: the cosine similarity between the embeddings of super-resolved faces and
 * those of their ground truth, with any {@link EmbeddingFunction}. Thread-safe if the embedding
 * function is.
 */
public final class IdentitySimilarity {
    private final EmbeddingFunction embedder;

    /**
     * Creates the metric.
     *
     * @param embedder the embedding function
     */
    public IdentitySimilarity(EmbeddingFunction embedder) {
        if (embedder == null) {
            throw new IllegalArgumentException("An embedding function is required");
        }
        this.embedder = embedder;
    }

    /**
     * Returns the cosine similarity of each image pair's embeddings.
     *
     * @param sr the images to judge, NCHW in [0, 1]
     * @param hr the references, same shape
     * @return one similarity per pair, in [-1, 1]
     */
    public double[] compute(NDArray sr, NDArray hr) {
        if (!sr.getShape().equals(hr.getShape()) || sr.getShape().dimension() != 4) {
            throw new IllegalArgumentException(
                    "Expected two NCHW batches of the same shape, got " + sr.getShape() + " and " + hr.getShape());
        }
        try (NDArray a = embedder.embed(sr);
                NDArray b = embedder.embed(hr)) {
            double[] out = CosineSimilarity.rows(a, b);
            if (out.length != sr.getShape().get(0)) {
                throw new IllegalStateException(
                        "The embedding function returned " + out.length + " embeddings for "
                                + sr.getShape().get(0) + " images");
            }
            return out;
        }
    }

    /**
     * Returns the mean cosine similarity over a batch.
     *
     * @param sr the images to judge, NCHW in [0, 1]
     * @param hr the references
     * @return the mean similarity
     */
    public double mean(NDArray sr, NDArray hr) {
        double[] s = compute(sr, hr);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }
}
