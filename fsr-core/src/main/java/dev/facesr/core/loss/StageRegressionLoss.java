package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;

/**
 * Deep supervision of a cascaded regressor: the distance between the code predicted at every
 * stage and the target code, summed over stages with per-stage weights.
 *
 * <p>Inputs: {@code predictions = NDList(stage1, ..., stageS)}, each {@code (N, ...)}; {@code
 * labels = NDList(target)} (the same target for every stage) or {@code NDList(target1, ...,
 * targetS)} (one per stage), each of the shape of its stage. Per sample: {@code Σ_s w_s ·
 * mean(penalty(stage_s - target_s))}, with {@code w_s = 1} by default and the {@link Penalty#L2}
 * penalty (MSE) by default.
 */
public final class StageRegressionLoss extends FaceLoss {

    private final float[] stageWeights;
    private final Penalty penalty;

    private StageRegressionLoss(Builder builder) {
        super(builder);
        this.stageWeights = builder.stageWeights;
        this.penalty = builder.penalty;
    }

    /**
     * Starts a stage regression loss named {@code stage_regression}, L2 penalty, stage weights 1.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        LossInputs.entry(getName(), predictions, "predictions", 0);
        LossInputs.entry(getName(), labels, "labels", 0);
        int stages = predictions.size();
        if (labels.size() != 1 && labels.size() != stages) {
            throw new IllegalArgumentException(
                    getName()
                            + ": labels must hold one target for all stages or one per stage ("
                            + stages
                            + ") but hold "
                            + labels.size());
        }
        if (stageWeights != null && stageWeights.length != stages) {
            throw new IllegalArgumentException(
                    getName()
                            + ": "
                            + stageWeights.length
                            + " stage weights "
                            + Arrays.toString(stageWeights)
                            + " were set but predictions hold "
                            + stages
                            + " stages");
        }
        NDArray total = null;
        for (int s = 0; s < stages; s++) {
            NDArray stage = predictions.get(s);
            int targetIndex = labels.size() == 1 ? 0 : s;
            NDArray target = labels.get(targetIndex);
            LossInputs.requireSameShape(
                    getName(),
                    "predictions[" + s + "]",
                    stage,
                    "labels[" + targetIndex + "]",
                    target);
            LossInputs.requireBatch(getName(), "predictions[" + s + "]", stage);
            NDArray term = LossInputs.meanPerSample(penalty.apply(stage.sub(target)));
            if (stageWeights != null) {
                term = term.mul(stageWeights[s]);
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** Builds a {@link StageRegressionLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private float[] stageWeights;
        private Penalty penalty = Penalty.L2;

        Builder() {
            super("stage_regression");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets one weight per stage (default 1 each).
         *
         * @param weights finite weights {@code >= 0}
         * @return this builder
         */
        public Builder optStageWeights(float... weights) {
            this.stageWeights = weights == null ? null : weights.clone();
            return this;
        }

        /**
         * Sets the penalty (default {@link Penalty#L2}; {@link Penalty#L1} for L1).
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
        public StageRegressionLoss build() {
            if (penalty == null) {
                throw new IllegalArgumentException(name() + ": the penalty must not be null");
            }
            if (stageWeights != null) {
                if (stageWeights.length == 0) {
                    throw new IllegalArgumentException(
                            name() + ": stage weights must not be empty; omit them for weight 1");
                }
                for (float w : stageWeights) {
                    LossInputs.requireWeight(name() + ": every stage weight", w);
                }
            }
            return new StageRegressionLoss(this);
        }
    }
}
