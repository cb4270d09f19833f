package dev.facesr.models.facade;

import java.util.Objects;

/**
 * A FaceSR call that could not be completed, with a {@link Reason} a program can act on and a
 * message that says what was wrong and what to do.
 */
public class FaceSRException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Reason {
        /** The input has no data: a {@code null} or zero-length array, an empty file. */
        EMPTY_INPUT,
        /** The file does not exist or cannot be opened. */
        UNREADABLE_FILE,
        /** The data is not in an image format the decoder knows (PNG, JPEG, BMP, GIF, WBMP, TIFF). */
        UNSUPPORTED_FORMAT,
        /** The image data is damaged (the header or the pixels cannot be decoded). */
        CORRUPT_INPUT,
        /** The image data ends before the image does. */
        TRUNCATED_INPUT,
        /** The image is smaller than the minimum side (see {@code PhotoDecoder.MIN_SIDE}). */
        IMAGE_TOO_SMALL,
        /** The image, or the enlarged image, has more pixels than the configured maximum. */
        IMAGE_TOO_LARGE,
        /** The face detector failed on the photo. */
        DETECTOR_FAILED,
        /** A face could not be restored and the failure policy is {@code THROW}. */
        FACE_FAILED,
        /** The upscaler failed on aligned crops. */
        UPSCALER_FAILED,
        /** The FaceSR instance was closed. */
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
    public FaceSRException(Reason reason, String message) {
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
    public FaceSRException(Reason reason, String message, Throwable cause) {
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
