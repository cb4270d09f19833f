package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;
import java.util.Objects;

/**
 * A restored face crop and where it goes: the map from its pixels to the pixels of the image it
 * is pasted into (pixel-centre convention).
 *
 * @param crop the restored square crop
 * @param cropToTarget the map from crop pixels to target-image pixels
 */
public record PasteRegion(Image crop, Affine2D cropToTarget) {

    /**
     * Checks that both parts are present.
     *
     * @param crop the restored square crop
     * @param cropToTarget the map from crop pixels to target-image pixels
     */
    public PasteRegion {
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(cropToTarget, "cropToTarget");
    }
}
