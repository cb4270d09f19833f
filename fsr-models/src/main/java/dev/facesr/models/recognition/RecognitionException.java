package dev.facesr.models.recognition;

import java.util.Objects;

/**
 * A {@link FaceRecognizer} call that could not be completed, with a {@link Reason} a program can
 * act on and a message that says what was wrong and what to do. Image decoding failures are
 * reported as {@code FaceSRException} by the shared decoder instead.
 */
public class RecognitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Reason {
        /** A whole photo contains no face the detector found with 5 landmarks. */
        NO_FACE,
        /** The probe is low resolution and the chosen strategy's component is not configured. */
        STRATEGY_UNAVAILABLE,
        /** An embedder or the super-resolution step threw or returned a bad embedding. */
        EMBEDDING_FAILED,
        /** The face detector or the aligner failed. */
        DETECTION_FAILED,
        /** No decision threshold is set (identify and verify need one). */
        NO_THRESHOLD,
        /** A gallery was made with another embedding model. */
        MODEL_MISMATCH,
        /** A gallery file is missing, damaged, truncated, empty or foreign (see {@link GalleryFileException}). */
        GALLERY_FILE,
        /** The recognizer was closed. */
        CLOSED
    }

    /** Why the call failed. */
    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason why the call failed
     * @param message what was wrong and what to do
     */
    public RecognitionException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason why the call failed
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public RecognitionException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns why the call failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
