package dev.facesr.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * One face found by a {@link FaceDetector}: its box, its score and, if the detector gives them,
 * its 5 landmarks (see {@link Landmarks} for the order), all in pixels of the photo.
 *
 * @param box the face box
 * @param score the detector's confidence, higher is surer (the scale is the detector's)
 * @param landmarks the 5 landmarks, or {@code null} if the detector gives none
 */
public record DetectedFace(BoundingBox box, double score, Landmarks landmarks) {

    /**
     * Checks the face.
     *
     * @param box the face box
     * @param score the detector's confidence
     * @param landmarks the 5 landmarks, or {@code null}
     * @throws IllegalArgumentException if the box is missing, the score is not finite or the landmarks are not 5 points
     */
    public DetectedFace {
        Objects.requireNonNull(box, "box");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("A detection score must be finite, got " + score);
        }
        if (landmarks != null && landmarks.size() != Landmarks.FIVE) {
            throw new IllegalArgumentException("A detector gives 5 landmarks or none, got " + landmarks.size());
        }
    }

    /**
     * Returns the detector's 5 landmarks if it gave them.
     *
     * @return the landmarks, if any
     */
    public Optional<Landmarks> fivePoints() {
        return Optional.ofNullable(landmarks);
    }
}
