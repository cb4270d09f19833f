package dev.facesr.models.recognition;

/**
 * The result of {@link FaceRecognizer#verify}: the cosine similarity of two faces and the decision.
 *
 * @param score the cosine similarity, in [-1, 1]
 * @param threshold the decision threshold used
 * @param samePerson whether {@code score >= threshold}
 * @param first how the first face was embedded
 * @param second how the second face was embedded
 */
public record Verification(double score, double threshold, boolean samePerson, ProbeEmbedding first,
        ProbeEmbedding second) {}
