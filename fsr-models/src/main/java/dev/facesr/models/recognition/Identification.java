package dev.facesr.models.recognition;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@link FaceRecognizer#identify}: the best-matching enrolled people with their
 * cosine scores, and the decision for the best one.
 *
 * @param candidates up to k candidates, best first (empty when the gallery is empty)
 * @param threshold the decision threshold used
 * @param gallerySize how many people the searched gallery snapshot held
 * @param probe how the probe was embedded (face size, strategy)
 */
public record Identification(List<Candidate> candidates, double threshold, int gallerySize, ProbeEmbedding probe) {

    /**
     * Copies the list.
     *
     * @param candidates the candidates
     * @param threshold the threshold
     * @param gallerySize the gallery size
     * @param probe the probe's embedding
     */
    public Identification {
        candidates = List.copyOf(candidates);
    }

    /**
     * Returns the best candidate, whether or not it passes the threshold.
     *
     * @return the best candidate, if the gallery was not empty
     */
    public Optional<Candidate> best() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /**
     * Returns whether the best candidate's score is at or above the threshold.
     *
     * @return true if the probe is identified as the best candidate
     */
    public boolean accepted() {
        return !candidates.isEmpty() && candidates.get(0).score() >= threshold;
    }

    /**
     * Returns the identified person: the best candidate if it passes the threshold.
     *
     * @return the match, or empty for an unknown face
     */
    public Optional<Candidate> match() {
        return accepted() ? best() : Optional.empty();
    }
}
