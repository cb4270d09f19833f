package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;

/**
 * Turns a face crop into an identity embedding (for recognition, or to check that
 * super-resolution kept the identity). Implementations are thread-safe; closing one frees what
 * it owns.
 */
public interface FaceEmbedder extends AutoCloseable {

    /**
     * The length of the embeddings.
     *
     * @return the embedding dimension
     */
    int dimension();

    /**
     * Embeds one face crop. The FaceSR facade passes the restored crop in the upscaler's output
     * framing; an embedder that needs another framing re-aligns it itself.
     *
     * @param crop an RGB face crop
     * @return an embedding of {@link #dimension()} values
     */
    float[] embed(Image crop);

    /** Frees what the embedder owns; the default does nothing. */
    @Override
    default void close() {}
}
