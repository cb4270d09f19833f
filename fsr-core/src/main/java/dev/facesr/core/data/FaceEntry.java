package dev.facesr.core.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a dataset knows about one face before decoding it: the file, its identity and its
 * landmarks (in pixels of the stored image). Datasets keep only these, never the pixels.
 *
 * @param file the image file
 * @param identity the contiguous identity class index, or -1 when unknown
 * @param landmarks the landmarks in source pixels, or null when unknown
 */
public record FaceEntry(Path file, int identity, Landmarks landmarks) {

    /**
     * Validates the entry.
     *
     * @param file the image file
     * @param identity the identity class index, or -1
     * @param landmarks the landmarks, or null
     */
    public FaceEntry {
        Objects.requireNonNull(file, "file");
        if (identity < -1) {
            throw new IllegalArgumentException("Identity must be -1 (unknown) or >= 0, got " + identity);
        }
    }
}
