package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Total variation: how much neighbouring pixels differ, a smoothness prior on the prediction.
 *
 * <p>Per sample: {@code mean(penalty(I[.., y+1, x] - I[.., y, x])) + mean(penalty(I[.., y, x+1] -
 * I[.., y, x]))}, with the L1 penalty by default (anisotropic TV). Inputs: {@code predictions =
 * NDList(sr)}, NCHW with height and width at least 2; the labels are not used. Zero for a
 * constant image.
 */
public final class TotalVariationLoss extends FaceLoss {

    private final Penalty penalty;

    private TotalVariationLoss(Builder builder) {
        super(builder);
        this.penalty = builder.penalty;
    }

    /**
     * Starts a total variation loss named {@code total_variation}, L1 penalty.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray image = LossInputs.entry(getName(), predictions, "predictions", 0);
        LossInputs.requireRank(getName(), "predictions[0]", image, 4, "NCHW");
        LossInputs.requireBatch(getName(), "predictions[0]", image);
        if (image.getShape().get(2) < 2 || image.getShape().get(3) < 2) {
            throw new IllegalArgumentException(
                    getName()
                            + ": predictions[0] must be at least 2x2 pixels but has shape "
                            + image.getShape());
        }
        NDArray vertical = image.get(":, :, 1:, :").sub(image.get(":, :, :-1, :"));
        NDArray horizontal = image.get(":, :, :, 1:").sub(image.get(":, :, :, :-1"));
        return LossInputs.meanPerSample(penalty.apply(vertical))
                .add(LossInputs.meanPerSample(penalty.apply(horizontal)));
    }

    /** Builds a {@link TotalVariationLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private Penalty penalty = Penalty.L1;

        Builder() {
            super("total_variation");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the penalty on neighbour differences (default {@link Penalty#L1}; {@link
         * Penalty#L2} gives the squared variant).
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
        public TotalVariationLoss build() {
            if (penalty == null) {
                throw new IllegalArgumentException(name() + ": the penalty must not be null");
            }
            return new TotalVariationLoss(this);
        }
    }
}
