package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;
import java.util.Objects;

/**
 * A face warped to the canonical framing, with the map that made it.
 *
 * @param crop the square aligned crop
 * @param photoToCrop the map from photo pixels to crop pixels (pixel-centre convention); its
 *     {@link Affine2D#inverse()} takes crop points back to the photo
 */
public record AlignedFace(Image crop, Affine2D photoToCrop) {

    /**
     * Checks that both parts are present.
     *
     * @param crop the square aligned crop
     * @param photoToCrop the photo-to-crop map
     */
    public AlignedFace {
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(photoToCrop, "photoToCrop");
    }

    /**
     * Returns the inverse transform: crop pixels to photo pixels.
     *
     * @return the crop-to-photo map
     */
    public Affine2D cropToPhoto() {
        return photoToCrop.inverse();
    }
}
