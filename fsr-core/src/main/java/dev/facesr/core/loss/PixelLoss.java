package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A pixel loss: the per-sample mean of a {@link Penalty} of {@code prediction - label}: L1, L2
 * (MSE) or Charbonnier.
 *
 * <p>Inputs: {@code labels = NDList(hr)}, {@code predictions = NDList(sr)}, two arrays of the
 * same shape with the batch first (usually NCHW images). Only entry 0 of each list is used.
 *
 * <pre>{@code
 * FaceLoss l1 = PixelLoss.l1().optWeight(0.7f).build();
 * FaceLoss charbonnier = PixelLoss.charbonnier(1e-3f).build();
 * }</pre>
 */
public final class PixelLoss extends FaceLoss {

    private final Penalty penalty;

    private PixelLoss(Builder builder) {
        super(builder);
        this.penalty = builder.penalty;
    }

    /**
     * Starts an L1 (mean absolute error) loss named {@code pixel_l1}.
     *
     * @return a builder
     */
    public static Builder l1() {
        return new Builder("pixel_l1", Penalty.L1);
    }

    /**
     * Starts an L2 (mean squared error) loss named {@code pixel_l2}.
     *
     * @return a builder
     */
    public static Builder l2() {
        return new Builder("pixel_l2", Penalty.L2);
    }

    /**
     * Starts a Charbonnier loss named {@code pixel_charbonnier}.
     *
     * @param epsilon the smoothing constant, {@code > 0} (1e-3 is usual)
     * @return a builder
     * @throws IllegalArgumentException if epsilon is not a finite positive number
     */
    public static Builder charbonnier(float epsilon) {
        return new Builder("pixel_charbonnier", Penalty.charbonnier(epsilon));
    }

    /**
     * Starts a pixel loss with any penalty.
     *
     * @param name the name of the loss
     * @param penalty the element-wise penalty
     * @return a builder
     */
    public static Builder of(String name, Penalty penalty) {
        return new Builder(name, penalty);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray label = LossInputs.entry(getName(), labels, "labels", 0);
        NDArray prediction = LossInputs.entry(getName(), predictions, "predictions", 0);
        LossInputs.requireSameShape(getName(), "predictions[0]", prediction, "labels[0]", label);
        LossInputs.requireBatch(getName(), "predictions[0]", prediction);
        return LossInputs.meanPerSample(penalty.apply(prediction.sub(label)));
    }

    /** Builds a {@link PixelLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private final Penalty penalty;

        Builder(String name, Penalty penalty) {
            super(name);
            this.penalty = penalty;
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
        public PixelLoss build() {
            if (penalty == null) {
                throw new IllegalArgumentException(name() + ": the penalty must not be null");
            }
            return new PixelLoss(this);
        }
    }
}
