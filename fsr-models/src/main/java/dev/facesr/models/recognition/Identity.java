package dev.facesr.models.recognition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One enrolled person of a {@link Gallery}: the L2-normalised embedding of every enrolment image,
 * kept per image, and the template used for matching, the re-normalised mean of those
 * embeddings. Immutable; the arrays returned are copies.
 */
public final class Identity {
    private final String name;
    private final List<float[]> embeddings;
    private final float[] template;

    Identity(String name, List<float[]> embeddings) {
        this.name = name;
        this.embeddings = Collections.unmodifiableList(new ArrayList<>(embeddings));
        this.template = Embeddings.meanTemplate(embeddings, name);
    }

    /**
     * Returns the person's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns how many enrolment images the person has.
     *
     * @return the image count, at least 1
     */
    public int imageCount() {
        return embeddings.size();
    }

    /**
     * Returns the normalised embedding of one enrolment image (a copy).
     *
     * @param index the image index, in enrolment order
     * @return the embedding
     */
    public float[] embedding(int index) {
        return embeddings.get(index).clone();
    }

    /**
     * Returns the matching template: the mean of the image embeddings, re-normalised (a copy).
     *
     * @return the unit-length template
     */
    public float[] template() {
        return template.clone();
    }

    /** The stored embeddings themselves (package-private: no copy). */
    List<float[]> embeddingsView() {
        return embeddings;
    }

    /** The template itself (package-private: no copy). */
    float[] templateView() {
        return template;
    }

    @Override
    public String toString() {
        return name + " (" + imageCount() + " images)";
    }
}
