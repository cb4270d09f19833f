package dev.facesr.models.facade;

/** The outcome for one face of a photo. */
public enum FaceStatus {
    /** The face was restored and pasted back. */
    OK,
    /** Neither the detector nor a landmark estimator gave landmarks for the face. */
    NO_LANDMARKS,
    /** The landmark estimator failed on the face. */
    LANDMARKS_FAILED,
    /** The landmarks are degenerate (eyes closer than one pixel, non-finite) or the alignment failed. */
    ALIGNMENT_FAILED,
    /** The upscaler failed on the batch holding the face, or returned a wrong result. */
    UPSCALER_FAILED,
    /** The face was restored and pasted, but the embedder failed (no embedding). */
    EMBEDDING_FAILED,
    /**
     * Not restored, by design: the face in the photo is larger than the upscaler's input framing
     * times {@code optMaxFaceScale}, so squeezing it into the model's small crop would lose more
     * detail than the model restores. It stays as in the bicubic-enlarged photo. Not a failure.
     */
    ALREADY_SHARP;

    /**
     * Returns whether the restored face is in the output image.
     *
     * @return true for {@link #OK} and {@link #EMBEDDING_FAILED}
     */
    public boolean isPasted() {
        return this == OK || this == EMBEDDING_FAILED;
    }
}
