package dev.facesr.models.facade;

import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * One image given to FaceSR: a file, encoded bytes, a {@link BufferedImage} or a DJL {@link
 * Image}. Nothing is read until FaceSR decodes it; {@code null} is accepted here and reported as
 * {@link FaceSRException.Reason#EMPTY_INPUT} when decoded.
 */
public final class PhotoInput {

    /** The kind of source. */
    public enum Kind {
        /** An image file. */
        PATH,
        /** Encoded image bytes (PNG, JPEG, ...). */
        BYTES,
        /** A decoded AWT image. */
        BUFFERED_IMAGE,
        /** A DJL image. */
        DJL_IMAGE
    }

    private final Kind kind;
    private final Object source;

    private PhotoInput(Kind kind, Object source) {
        this.kind = kind;
        this.source = source;
    }

    /**
     * An image file.
     *
     * @param file the file
     * @return the input
     */
    public static PhotoInput of(Path file) {
        return new PhotoInput(Kind.PATH, file);
    }

    /**
     * Encoded image bytes; the array is not copied and must not change until decoded.
     *
     * @param bytes the bytes of a PNG, JPEG, BMP, GIF, WBMP or TIFF file
     * @return the input
     */
    public static PhotoInput of(byte[] bytes) {
        return new PhotoInput(Kind.BYTES, bytes);
    }

    /**
     * A decoded AWT image of any type.
     *
     * @param image the image
     * @return the input
     */
    public static PhotoInput of(BufferedImage image) {
        return new PhotoInput(Kind.BUFFERED_IMAGE, image);
    }

    /**
     * A DJL image.
     *
     * @param image the image
     * @return the input
     */
    public static PhotoInput of(Image image) {
        return new PhotoInput(Kind.DJL_IMAGE, image);
    }

    /**
     * Returns the kind of source.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the source object (a {@link Path}, {@code byte[]}, {@link BufferedImage} or {@link
     * Image}, possibly {@code null}).
     *
     * @return the source
     */
    public Object source() {
        return source;
    }

    @Override
    public String toString() {
        switch (kind) {
            case PATH:
                return "file " + source;
            case BYTES:
                return source == null ? "null bytes" : ((byte[]) source).length + " bytes";
            default:
                return source == null ? "null " + kind : kind.toString().toLowerCase().replace('_', ' ');
        }
    }
}
