package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * Warps faces to the canonical framing of the super-resolution models and keeps the transform,
 * so the restored face can be put back. Implementations are stateless or thread-safe.
 */
public interface FaceAligner {

    /**
     * Aligns one face.
     *
     * @param photo the RGB photo
     * @param landmarks the face's 5 landmarks in photo pixels ({@link Landmarks#toFivePoint()})
     * @param size the side of the square crop to make (the upscaler's input size)
     * @return the crop and the photo-to-crop map
     * @throws IllegalArgumentException if the landmarks are degenerate or the size is not positive
     */
    AlignedFace align(Image photo, Landmarks landmarks, int size);

    /**
     * Aligns several faces of one photo; implementations may override this to convert the photo
     * once.
     *
     * @param photo the RGB photo
     * @param faces the 5 landmarks of each face
     * @param size the crop side
     * @return one aligned face per entry, in order
     */
    default List<AlignedFace> alignAll(Image photo, List<Landmarks> faces, int size) {
        List<AlignedFace> out = new ArrayList<>(faces.size());
        for (Landmarks face : faces) {
            out.add(align(photo, face, size));
        }
        return out;
    }
}
