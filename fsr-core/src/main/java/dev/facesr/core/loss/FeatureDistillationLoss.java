package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Feature distillation: the distance between student and teacher features (FitNets style),
 * the teacher detached so no gradient reaches it.
 *
 * <p>Inputs: {@code labels = NDList(teacherFeature1, ...)}, {@code predictions =
 * NDList(studentFeature1, ...)}, pairs of the same shape (project the student's features to the
 * teacher's shape first if they differ). Per sample: {@code Σ_i mean(penalty(student_i -
 * teacher_i))}, {@link Penalty#L2} (MSE) by default.
 */
public final class FeatureDistillationLoss extends FaceLoss {

    private final Penalty penalty;

    private FeatureDistillationLoss(Builder builder) {
        super(builder);
        this.penalty = builder.penalty;
    }

    /**
     * Starts a feature distillation loss named {@code feature_distillation}, L2 penalty.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        LossInputs.entry(getName(), predictions, "predictions (student features)", 0);
        if (labels == null || labels.size() != predictions.size()) {
            throw new IllegalArgumentException(
                    getName()
                            + ": labels (teacher features) must hold one array per student"
                            + " feature ("
                            + predictions.size()
                            + ") but hold "
                            + (labels == null ? "none (null)" : labels.size()));
        }
        NDArray total = null;
        for (int i = 0; i < predictions.size(); i++) {
            NDArray student = predictions.get(i);
            NDArray teacher = labels.get(i);
            LossInputs.requireSameShape(
                    getName(), "predictions[" + i + "]", student, "labels[" + i + "]", teacher);
            LossInputs.requireBatch(getName(), "predictions[" + i + "]", student);
            NDArray term =
                    LossInputs.meanPerSample(penalty.apply(student.sub(teacher.stopGradient())));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** Builds a {@link FeatureDistillationLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private Penalty penalty = Penalty.L2;

        Builder() {
            super("feature_distillation");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the penalty (default {@link Penalty#L2}).
         *
         * @param penalty the penalty
         * @return this builder
         */
        public Builder optPenalty(Penalty penalty) {
            this.penalty = penalty;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is invalid
         */
        public FeatureDistillationLoss build() {
            if (penalty == null) {
                throw new IllegalArgumentException(name() + ": the penalty must not be null");
            }
            return new FeatureDistillationLoss(this);
        }
    }
}
