package dev.facesr.models.identity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.ComponentLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The student-stage loss on the outputs of a {@link CrossResolutionPair}: a distillation term
 * between the student's and the teacher's embeddings and, optionally, an identity term on the
 * student's class cosines.
 *
 * <p>Inputs: {@code predictions = NDList(studentEmbedding, teacherEmbedding[, studentCosines])};
 * {@code labels} as the dataset delivers them, with the identity class index at {@code
 * identityLabelIndex} (only read when there is an identity term). The distillation loss gets
 * {@code labels = NDList(teacherEmbedding)}, {@code predictions = NDList(studentEmbedding)}; the
 * identity loss {@code labels = NDList(identity)}, {@code predictions = NDList(studentCosines)}.
 * Each part carries its own weight; the value is their sum. Parts: {@code distill} and {@code
 * identity}.
 */
public final class CrossResolutionLoss extends Loss implements ComponentLoss {

    private final Loss distillation;
    private final Loss identity;
    private final int identityLabelIndex;

    /**
     * Creates the loss.
     *
     * @param distillation e.g. a {@code CosineDistillationLoss} (with its weight)
     * @param identity e.g. a {@code MarginSoftmaxLoss} (with its weight), or null for none
     * @param identityLabelIndex where the identity class index is in the labels
     * @throws IllegalArgumentException when the distillation loss is null or the index negative
     */
    public CrossResolutionLoss(Loss distillation, Loss identity, int identityLabelIndex) {
        super("cross_resolution");
        if (distillation == null) {
            throw new IllegalArgumentException("CrossResolutionLoss needs a distillation loss");
        }
        if (identityLabelIndex < 0) {
            throw new IllegalArgumentException(
                    "identityLabelIndex must be >= 0 but was " + identityLabelIndex);
        }
        this.distillation = distillation;
        this.identity = identity;
        this.identityLabelIndex = identityLabelIndex;
    }

    /**
     * Returns whether there is an identity term.
     *
     * @return true when an identity loss was given
     */
    public boolean hasIdentityTerm() {
        return identity != null;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = null;
        for (NDArray part : evaluateComponents(labels, predictions).values()) {
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, NDArray> evaluateComponents(NDList labels, NDList predictions) {
        int needed = identity == null ? 2 : 3;
        if (predictions == null || predictions.size() < needed) {
            throw new IllegalArgumentException(
                    "CrossResolutionLoss needs predictions (studentEmbedding, teacherEmbedding"
                            + (identity == null ? "" : ", studentCosines")
                            + ") but got "
                            + (predictions == null ? 0 : predictions.size())
                            + " arrays; "
                            + (identity == null ? "" : "build the CrossResolutionPair with a"
                                    + " classifier to use an identity term"));
        }
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put(
                "distill",
                distillation.evaluate(
                        new NDList(predictions.get(1)), new NDList(predictions.get(0))));
        if (identity != null) {
            if (labels == null || labels.size() <= identityLabelIndex) {
                throw new IllegalArgumentException(
                        "CrossResolutionLoss reads the identity at labels["
                                + identityLabelIndex
                                + "] but the labels hold "
                                + (labels == null ? 0 : labels.size())
                                + " arrays; include the identity in the dataset");
            }
            parts.put(
                    "identity",
                    identity.evaluate(
                            new NDList(labels.get(identityLabelIndex)),
                            new NDList(predictions.get(2))));
        }
        return parts;
    }
}
