package dev.facesr.models.recognition;

import java.util.Objects;

/**
 * The identity of the embedding model a gallery was made with: embeddings of different models
 * (or of different weights of one model) cannot be compared, so a gallery records this and a
 * recognizer with another model rejects it.
 *
 * @param name the model name, e.g. {@code "arcface-r50-v2"} (1 to 200 characters, no control
 *     characters)
 * @param dimension the embedding length, positive
 */
public record EmbedderId(String name, int dimension) {

    /** The longest accepted model name. */
    public static final int MAX_NAME_LENGTH = 200;

    /**
     * Checks the name and the dimension.
     *
     * @param name the model name
     * @param dimension the embedding length
     * @throws IllegalArgumentException if the name is blank, too long or has control characters,
     *     or the dimension is not positive
     */
    public EmbedderId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("An embedder name must be 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters, got '" + name + "'");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("An embedding dimension must be positive, got " + dimension);
        }
    }

    @Override
    public String toString() {
        return name + " (" + dimension + "-d)";
    }
}
