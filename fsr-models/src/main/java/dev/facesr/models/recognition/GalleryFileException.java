package dev.facesr.models.recognition;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A gallery file that could not be read or written. The message names the file and the
 * {@link Problem}; a damaged file is never read as an empty gallery.
 */
public final class GalleryFileException extends RecognitionException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** The file does not exist, is not a regular file or cannot be read. */
        UNREADABLE,
        /** The file has zero bytes. */
        EMPTY,
        /** The file ends before its declared length. */
        TRUNCATED,
        /** The file does not start with the gallery magic: it is not a FaceSR gallery. */
        NOT_A_GALLERY,
        /** The file is a gallery of a format version this library does not read. */
        UNSUPPORTED_VERSION,
        /** The stored checksum does not match the content: the file was damaged. */
        CHECKSUM_MISMATCH,
        /** The content is inconsistent although the checksum matched (or extra bytes follow it). */
        CORRUPT,
        /** The gallery was made with another embedding model (name or dimension). */
        FOREIGN_MODEL,
        /** Writing failed; the previous file, if any, is unchanged. */
        WRITE_FAILED
    }

    /** The gallery file (not serialised: {@link Path} is not serialisable). */
    private final transient Path file;

    /** What is wrong with the file. */
    private final Problem problem;

    /**
     * Creates an exception.
     *
     * @param file the gallery file
     * @param problem what is wrong
     * @param detail what was found and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public GalleryFileException(Path file, Problem problem, String detail, Throwable cause) {
        super(problem == Problem.FOREIGN_MODEL ? Reason.MODEL_MISMATCH : Reason.GALLERY_FILE,
                "gallery file " + file + ": " + problem + ": " + detail, cause);
        this.file = file;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Returns the file.
     *
     * @return the gallery file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns what is wrong with the file.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
