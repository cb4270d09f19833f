package dev.facesr.models.recognition;

import dev.facesr.models.facade.PhotoInput;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One image given to a {@link FaceRecognizer}, saying what it shows: an {@linkplain #aligned
 * aligned face crop} (already in the canonical FaceSR framing; used as it is, no detection) or a
 * {@linkplain #photo whole photo} (the recognizer's detector finds the largest face and aligns it).
 * Nothing is read until the recognizer decodes it.
 */
public final class FaceInput {

    /** What the image shows. */
    public enum Kind {
        /** A face crop already aligned to the canonical template; its side is the face size. */
        ALIGNED,
        /** A whole photo: detect, take the largest face, align. */
        PHOTO
    }

    private final Kind kind;
    private final PhotoInput image;

    private FaceInput(Kind kind, PhotoInput image) {
        this.kind = kind;
        this.image = Objects.requireNonNull(image, "image");
    }

    /**
     * An aligned face crop.
     *
     * @param image the crop (file, bytes, {@link BufferedImage} or DJL image)
     * @return the input
     */
    public static FaceInput aligned(PhotoInput image) {
        return new FaceInput(Kind.ALIGNED, image);
    }

    /**
     * An aligned face crop file.
     *
     * @param file the crop file
     * @return the input
     */
    public static FaceInput aligned(Path file) {
        return aligned(PhotoInput.of(file));
    }

    /**
     * An aligned face crop.
     *
     * @param image the crop
     * @return the input
     */
    public static FaceInput aligned(BufferedImage image) {
        return aligned(PhotoInput.of(image));
    }

    /**
     * A whole photo; needs a detector ({@link FaceRecognizer.Builder#optDetector}).
     *
     * @param image the photo
     * @return the input
     */
    public static FaceInput photo(PhotoInput image) {
        return new FaceInput(Kind.PHOTO, image);
    }

    /**
     * A whole photo file.
     *
     * @param file the photo file
     * @return the input
     */
    public static FaceInput photo(Path file) {
        return photo(PhotoInput.of(file));
    }

    /**
     * A whole photo.
     *
     * @param image the photo
     * @return the input
     */
    public static FaceInput photo(BufferedImage image) {
        return photo(PhotoInput.of(image));
    }

    /**
     * Returns what the image shows.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the image source.
     *
     * @return the image
     */
    public PhotoInput image() {
        return image;
    }

    @Override
    public String toString() {
        return (kind == Kind.ALIGNED ? "aligned crop " : "photo ") + image;
    }
}
