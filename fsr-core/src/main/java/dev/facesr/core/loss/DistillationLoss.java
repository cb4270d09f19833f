package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Knowledge distillation (Hinton et al.): the KL divergence from the teacher's softened class
 * distribution to the student's, scaled by {@code T²} so gradients keep their size whatever the
 * temperature.
 *
 * <p>Inputs: {@code labels = NDList(teacherLogits)}, {@code predictions = NDList(studentLogits)},
 * both {@code (N, C)}. Per sample: {@code T² · Σ_c p_c (log p_c - log q_c)} with {@code p =
 * softmax(teacher / T)} (detached) and {@code q = softmax(student / T)}. Zero when the logits
 * are equal.
 */
public final class DistillationLoss extends FaceLoss {

    private final float temperature;

    private DistillationLoss(Builder builder) {
        super(builder);
        this.temperature = builder.temperature;
    }

    /**
     * Starts a distillation loss named {@code distillation_kl}, temperature 4.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the softmax temperature.
     *
     * @return the temperature
     */
    public float getTemperature() {
        return temperature;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray teacher = LossInputs.entry(getName(), labels, "labels (teacher logits)", 0);
        NDArray student =
                LossInputs.entry(getName(), predictions, "predictions (student logits)", 0);
        LossInputs.requireRank(getName(), "predictions[0] (student logits)", student, 2, "N, C");
        LossInputs.requireSameShape(
                getName(), "predictions[0] (student logits)", student,
                "labels[0] (teacher logits)", teacher);
        LossInputs.requireBatch(getName(), "predictions[0]", student);
        NDArray teacherLog = teacher.stopGradient().div(temperature).logSoftmax(1);
        NDArray studentLog = student.div(temperature).logSoftmax(1);
        NDArray kl = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1});
        return kl.mul(temperature * temperature);
    }

    /** Builds a {@link DistillationLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private float temperature = 4f;

        Builder() {
            super("distillation_kl");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the softmax temperature (default 4; 1 is the plain KL divergence).
         *
         * @param temperature a finite number {@code > 0}
         * @return this builder
         */
        public Builder optTemperature(float temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if the temperature is not a finite positive number
         */
        public DistillationLoss build() {
            if (!Float.isFinite(temperature) || temperature <= 0) {
                throw new IllegalArgumentException(
                        name()
                                + ": temperature must be a finite number > 0 but was "
                                + temperature);
            }
            return new DistillationLoss(this);
        }
    }
}
