package dev.facesr.models.recognition;

import java.util.Optional;

/**
 * The embedding of one face and how it was made.
 *
 * @param vector the unit-length embedding
 * @param faceSize the face size in pixels that decided the path (the side of an aligned crop, or
 *     of the face's native-resolution aligned crop in a photo)
 * @param strategy the low-resolution strategy used, empty for a face at or above the threshold
 */
public record ProbeEmbedding(float[] vector, int faceSize, Optional<LowResolutionStrategy> strategy) {

    /**
     * Copies the vector.
     *
     * @param vector the embedding
     * @param faceSize the face size
     * @param strategy the strategy used, if any
     */
    public ProbeEmbedding {
        vector = vector.clone();
    }

    /**
     * Returns a copy of the vector.
     *
     * @return the embedding
     */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    /**
     * Returns whether the face counted as low resolution.
     *
     * @return true if a low-resolution strategy was used
     */
    public boolean lowResolution() {
        return strategy.isPresent();
    }
}
