package dev.facesr.models.recognition;

import dev.facesr.metrics.identity.CosineSimilarity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An immutable set of enrolled people for one embedding model ({@link EmbedderId}), with an
 * optional calibrated decision threshold. Every change returns a new gallery, so a {@link
 * FaceRecognizer} can swap snapshots atomically while other threads read the old one.
 *
 * <p>Enrolment keeps each image's L2-normalised embedding; a person is matched by the cosine
 * similarity ({@link CosineSimilarity}) between the probe and the person's template, the
 * re-normalised mean of those embeddings ({@link Identity#template()}). Saved and loaded with
 * {@link GalleryFile}.
 */
public final class Gallery {
    private final EmbedderId model;
    private final double threshold;
    private final Map<String, Identity> identities;

    private Gallery(EmbedderId model, double threshold, Map<String, Identity> identities) {
        this.model = model;
        this.threshold = threshold;
        this.identities = Collections.unmodifiableMap(identities);
    }

    /**
     * Returns an empty gallery for a model, without a threshold.
     *
     * @param model the embedding model
     * @return the empty gallery
     */
    public static Gallery empty(EmbedderId model) {
        return new Gallery(Objects.requireNonNull(model, "model"), Double.NaN, new LinkedHashMap<>());
    }

    /**
     * Returns the embedding model of this gallery.
     *
     * @return the model identity
     */
    public EmbedderId model() {
        return model;
    }

    /**
     * Returns the stored decision threshold, if any: a pair with a cosine similarity at or above
     * it counts as the same person.
     *
     * @return the threshold, if set
     */
    public OptionalDouble threshold() {
        return Double.isNaN(threshold) ? OptionalDouble.empty() : OptionalDouble.of(threshold);
    }

    /**
     * Returns a copy with a decision threshold.
     *
     * @param threshold a cosine similarity in [-1, 1]
     * @return the new gallery
     * @throws IllegalArgumentException if the threshold is outside [-1, 1] or not a number
     */
    public Gallery withThreshold(double threshold) {
        return new Gallery(model, checkThreshold(threshold), new LinkedHashMap<>(identities));
    }

    /**
     * Returns a copy without a decision threshold.
     *
     * @return the new gallery
     */
    public Gallery withoutThreshold() {
        return new Gallery(model, Double.NaN, new LinkedHashMap<>(identities));
    }

    /**
     * Returns a copy with more enrolment images for a person (a new person is added at the end).
     *
     * @param name the person's name (1 to 200 characters, no control characters, no leading or
     *     trailing spaces)
     * @param embeddings one embedding per image, each of {@link EmbedderId#dimension()} finite
     *     values, not zero; they are normalised to unit length
     * @return the new gallery
     * @throws IllegalArgumentException if the name or an embedding is bad, or there is none
     */
    public Gallery withEnrolled(String name, List<float[]> embeddings) {
        Names.check(name);
        if (embeddings == null || embeddings.isEmpty()) {
            throw new IllegalArgumentException("Enrolling '" + name + "' needs at least one embedding");
        }
        List<float[]> all = new ArrayList<>();
        Identity old = identities.get(name);
        if (old != null) {
            all.addAll(old.embeddingsView());
        }
        for (int i = 0; i < embeddings.size(); i++) {
            all.add(Embeddings.normalized(embeddings.get(i), model.dimension(),
                    "Embedding " + i + " of '" + name + "'"));
        }
        Map<String, Identity> next = new LinkedHashMap<>(identities);
        next.put(name, new Identity(name, all));
        return new Gallery(model, threshold, next);
    }

    /**
     * Returns a copy without a person.
     *
     * @param name the person's name
     * @return the new gallery, or this one if the name is not enrolled
     */
    public Gallery without(String name) {
        if (!identities.containsKey(name)) {
            return this;
        }
        Map<String, Identity> next = new LinkedHashMap<>(identities);
        next.remove(name);
        return new Gallery(model, threshold, next);
    }

    /**
     * Returns the enrolled names in enrolment order.
     *
     * @return the names (unmodifiable)
     */
    public List<String> names() {
        return List.copyOf(identities.keySet());
    }

    /**
     * Returns the enrolled people in enrolment order.
     *
     * @return the people (unmodifiable)
     */
    public Collection<Identity> identities() {
        return identities.values();
    }

    /**
     * Returns one person.
     *
     * @param name the name
     * @return the person, if enrolled
     */
    public Optional<Identity> get(String name) {
        return Optional.ofNullable(identities.get(name));
    }

    /**
     * Returns the number of enrolled people.
     *
     * @return the size
     */
    public int size() {
        return identities.size();
    }

    /**
     * Ranks the enrolled people by the cosine similarity of their template to a probe embedding.
     *
     * @param probe an embedding of {@link EmbedderId#dimension()} values (any non-zero length)
     * @param k how many candidates to return at most, at least 1
     * @return up to {@code k} candidates, best first (ties by name)
     * @throws IllegalArgumentException if {@code k < 1} or the probe is bad
     */
    public List<Candidate> rank(float[] probe, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        float[] unit = Embeddings.normalized(probe, model.dimension(), "The probe embedding");
        List<Candidate> all = new ArrayList<>(identities.size());
        for (Identity id : identities.values()) {
            all.add(new Candidate(id.name(), CosineSimilarity.of(unit, id.templateView()), id.imageCount()));
        }
        all.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::name));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /**
     * Saves this gallery atomically; see {@link GalleryFile#save(Gallery, Path)}.
     *
     * @param file the target file
     * @throws GalleryFileException if writing fails (the previous file is unchanged)
     */
    public void save(Path file) {
        GalleryFile.save(this, file);
    }

    static double checkThreshold(double threshold) {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("A cosine-similarity threshold must be in [-1, 1], got " + threshold
                    + "; calibrate one with ThresholdCalibration");
        }
        return threshold;
    }

    /** Builds a gallery from decoded parts (for {@link GalleryFile}). */
    static Gallery of(EmbedderId model, double threshold, Map<String, Identity> identities) {
        return new Gallery(model, threshold, identities);
    }

    @Override
    public String toString() {
        return "Gallery[" + model + ", " + size() + " people"
                + (threshold().isPresent() ? ", threshold " + threshold : "") + "]";
    }
}
