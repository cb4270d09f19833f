package dev.facesr.models.facade;

/** What {@link FaceSR} does when one face cannot be restored. */
public enum FailurePolicy {
    /**
     * Keep the bicubic-enlarged original where the face is, report the face with its failure
     * status and carry on with the other faces (the default).
     */
    KEEP_ORIGINAL,
    /** Throw a {@link FaceSRException} with reason {@link FaceSRException.Reason#FACE_FAILED}. */
    THROW
}
