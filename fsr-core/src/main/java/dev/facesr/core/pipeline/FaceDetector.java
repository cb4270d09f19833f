package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;
import java.util.List;

/**
 * Finds faces in a photo. Implementations are thread-safe; closing one frees what it owns
 * (models, native memory) and it cannot be used afterwards.
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * Finds every face in a photo.
     *
     * @param photo an RGB photo
     * @return the faces found, best first; empty if there is none (never {@code null})
     */
    List<DetectedFace> detect(Image photo);

    /** Frees what the detector owns; the default does nothing. */
    @Override
    default void close() {}
}
