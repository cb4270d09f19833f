package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;

/**
 * Places landmarks on one face of a photo, given its box. Implementations are thread-safe;
 * closing one frees what it owns.
 */
public interface LandmarkEstimator extends AutoCloseable {

    /**
     * The number of points {@link #estimate} returns: {@value Landmarks#FIVE} or {@value
     * Landmarks#SIXTY_EIGHT} for use in the FaceSR pipeline.
     *
     * @return the point count
     */
    int pointCount();

    /**
     * Estimates the landmarks of the face in a box.
     *
     * @param photo the RGB photo
     * @param box the face box in photo pixels
     * @return {@link #pointCount()} landmarks in photo pixels
     */
    Landmarks estimate(Image photo, BoundingBox box);

    /** Frees what the estimator owns; the default does nothing. */
    @Override
    default void close() {}
}
