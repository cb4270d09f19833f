package dev.facesr.models.facade;

import ai.djl.modality.cv.Image;
import dev.facesr.models.facade.image.RgbImages;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The result of upscaling one photo: the enlarged image with the restored faces pasted in, and
 * one {@link FaceResult} per detected face (empty when the photo has no face).
 *
 * @param image the output, {@code TYPE_INT_RGB}, {@code ceil(width * scale) x ceil(height * scale)}
 * @param scale the enlargement factor of the whole photo
 * @param inputWidth the width of the decoded input
 * @param inputHeight the height of the decoded input
 * @param faces one entry per detected face, in detector order
 */
public record UpscaleResult(BufferedImage image, double scale, int inputWidth, int inputHeight,
        List<FaceResult> faces) {

    /**
     * Copies the face list.
     *
     * @param image the output image
     * @param scale the enlargement factor
     * @param inputWidth the input width
     * @param inputHeight the input height
     * @param faces one entry per detected face (copied)
     */
    public UpscaleResult {
        faces = List.copyOf(faces);
    }

    /**
     * Returns the output as a DJL image (wrapping {@link #image()}, not a copy).
     *
     * @return the DJL image
     */
    public Image toDjlImage() {
        return RgbImages.wrap(image);
    }

    /**
     * Returns how many faces were restored and pasted.
     *
     * @return the count of faces whose status is pasted
     */
    public long restoredCount() {
        return faces.stream().filter(FaceResult::isRestored).count();
    }
}
