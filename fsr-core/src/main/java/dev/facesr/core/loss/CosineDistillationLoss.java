package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Embedding distillation by direction: one minus the cosine similarity between the student's
 * and the teacher's embedding of the same face, the teacher detached so no gradient reaches it.
 * Suits recognition embeddings, which are compared by cosine: the student learns to point where
 * the teacher points, whatever the lengths.
 *
 * <p>Inputs: {@code labels = NDList(teacherEmbeddings)}, {@code predictions =
 * NDList(studentEmbeddings)}, both {@code (N, D)} (or any equal shapes with the batch first; the
 * non-batch axes are flattened). Per sample: {@code 1 - <s, t> / (max(|s|, ε) max(|t|, ε))} with
 * {@code ε = 1e-8}; in [0, 2], zero when the directions agree.
 */
public final class CosineDistillationLoss extends FaceLoss {

    private static final float EPSILON = 1e-8f;

    private CosineDistillationLoss(Builder builder) {
        super(builder);
    }

    /**
     * Starts a cosine distillation loss named {@code cosine_distillation}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray student = LossInputs.entry(getName(), predictions, "predictions (student)", 0);
        NDArray teacher = LossInputs.entry(getName(), labels, "labels (teacher)", 0);
        LossInputs.requireSameShape(
                getName(), "predictions[0]", student, "labels[0]", teacher);
        LossInputs.requireBatch(getName(), "predictions[0]", student);
        long batch = student.getShape().get(0);
        NDArray s = student.reshape(batch, -1);
        NDArray t = teacher.stopGradient().reshape(batch, -1);
        NDArray dot = s.mul(t).sum(new int[] {1});
        NDArray sNorm = s.square().sum(new int[] {1}).sqrt().maximum(EPSILON);
        NDArray tNorm = t.square().sum(new int[] {1}).sqrt().maximum(EPSILON);
        return dot.div(sNorm.mul(tNorm)).neg().add(1f);
    }

    /** Builds a {@link CosineDistillationLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        Builder() {
            super("cosine_distillation");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is invalid
         */
        public CosineDistillationLoss build() {
            return new CosineDistillationLoss(this);
        }
    }
}
