package dev.facesr.models.recognition;

import java.util.Objects;

/**
 * Two faces and whether they show the same person, for {@link ThresholdCalibration}.
 *
 * @param first a face
 * @param second another face
 * @param samePerson whether both show the same person
 */
public record LabelledPair(FaceInput first, FaceInput second, boolean samePerson) {

    /**
     * Checks that both faces are present.
     *
     * @param first a face
     * @param second another face
     * @param samePerson the label
     */
    public LabelledPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }
}
