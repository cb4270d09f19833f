package dev.facesr.models.facade;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.recognition.Candidate;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * What happened to one face of a photo. Boxes and landmarks are in pixels of the input photo;
 * {@link #cropToOutput()} maps the restored crop into the output image. The images are fresh
 * copies owned by the caller.
 *
 * @param index the face's position in the detector's list
 * @param box the detected box (input photo pixels)
 * @param score the detector's score
 * @param landmarks the 5 landmarks used for alignment (input photo pixels), if any
 * @param alignedCrop the aligned low-resolution crop given to the upscaler, if alignment worked
 * @param restoredCrop the restored crop, if the upscaler worked
 * @param cropToOutput the map from restored-crop pixels to output-image pixels, if aligned
 * @param embedding the identity embedding of the restored crop, if an embedder is set and worked
 * @param identity the gallery person the restored face matches (the best one, at or above the
 *     gallery's threshold), if a gallery is set ({@code FaceSR.Builder.optGallery})
 * @param status the outcome
 * @param message what went wrong, empty for {@link FaceStatus#OK}
 */
public record FaceResult(
        int index,
        BoundingBox box,
        double score,
        Optional<Landmarks> landmarks,
        Optional<BufferedImage> alignedCrop,
        Optional<BufferedImage> restoredCrop,
        Optional<Affine2D> cropToOutput,
        Optional<float[]> embedding,
        Optional<Candidate> identity,
        FaceStatus status,
        Optional<String> message) {

    /**
     * Returns whether the face was restored and pasted back.
     *
     * @return {@code status().isPasted()}
     */
    public boolean isRestored() {
        return status.isPasted();
    }
}
