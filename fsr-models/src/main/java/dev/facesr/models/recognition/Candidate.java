package dev.facesr.models.recognition;

import java.util.Objects;

/**
 * One enrolled person ranked against a probe.
 *
 * @param name the person's name
 * @param score the cosine similarity of the probe's embedding and the person's template, in [-1, 1]
 * @param imageCount how many enrolment images make up the person's template
 */
public record Candidate(String name, double score, int imageCount) {

    /**
     * Checks the values.
     *
     * @param name the person's name
     * @param score the cosine similarity
     * @param imageCount the enrolment image count
     */
    public Candidate {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("A candidate score must be finite, got " + score);
        }
    }
}
