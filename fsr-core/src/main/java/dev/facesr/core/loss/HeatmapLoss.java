package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;

/**
 * The landmark heatmap loss: the mean squared error between predicted and target heatmaps, with
 * optional per-point weights and a per-sample visibility mask.
 *
 * <p>Inputs: {@code predictions = NDList(heatmaps)} of shape {@code (N, P, h, w)}; {@code labels
 * = NDList(targets)} of the same shape, or {@code NDList(targets, visibility)} with a visibility
 * mask of shape {@code (N, P)} (1 visible, 0 hidden, fractions allowed). Per sample: {@code
 * Σ_p w_p · v_p · mse_p / Σ_p w_p}, where {@code mse_p} is the MSE of point {@code p}'s map; a
 * hidden point adds nothing and does not re-weight the others. Without point weights {@code w_p =
 * 1}.
 */
public final class HeatmapLoss extends FaceLoss {

    private final float[] pointWeights;

    private HeatmapLoss(Builder builder) {
        super(builder);
        this.pointWeights = builder.pointWeights;
    }

    /**
     * Starts a heatmap loss named {@code heatmap}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray target = LossInputs.entry(getName(), labels, "labels", 0);
        NDArray heatmaps = LossInputs.entry(getName(), predictions, "predictions", 0);
        LossInputs.requireRank(getName(), "predictions[0]", heatmaps, 4, "N, P, h, w");
        LossInputs.requireSameShape(getName(), "predictions[0]", heatmaps, "labels[0]", target);
        LossInputs.requireBatch(getName(), "predictions[0]", heatmaps);
        long batch = heatmaps.getShape().get(0);
        long points = heatmaps.getShape().get(1);
        NDArray perPoint =
                heatmaps.sub(target).square().reshape(batch, points, -1).mean(new int[] {2});
        if (labels.size() > 1) {
            NDArray visibility = labels.get(1);
            if (visibility.getShape().dimension() != 2
                    || visibility.getShape().get(0) != batch
                    || visibility.getShape().get(1) != points) {
                throw new IllegalArgumentException(
                        getName()
                                + ": labels[1] (visibility) must have shape ("
                                + batch
                                + ", "
                                + points
                                + ") for heatmaps of shape "
                                + heatmaps.getShape()
                                + " but has shape "
                                + visibility.getShape());
            }
            NDArray mask = visibility.toType(perPoint.getDataType(), false).stopGradient();
            perPoint = perPoint.mul(mask);
        }
        if (pointWeights == null) {
            return perPoint.mean(new int[] {1});
        }
        if (pointWeights.length != points) {
            throw new IllegalArgumentException(
                    getName()
                            + ": "
                            + pointWeights.length
                            + " point weights were set but the heatmaps have "
                            + points
                            + " points (shape "
                            + heatmaps.getShape()
                            + ")");
        }
        double total = 0;
        for (float w : pointWeights) {
            total += w;
        }
        NDArray weights =
                heatmaps.getManager()
                        .create(pointWeights)
                        .toDevice(heatmaps.getDevice(), false)
                        .toType(perPoint.getDataType(), false);
        return perPoint.mul(weights).sum(new int[] {1}).div((float) total);
    }

    /** Builds a {@link HeatmapLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private float[] pointWeights;

        Builder() {
            super("heatmap");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets one weight per landmark (default 1 each), e.g. more weight on eyes and mouth.
         *
         * @param weights finite weights {@code >= 0}, at least one positive
         * @return this builder
         */
        public Builder optPointWeights(float... weights) {
            this.pointWeights = weights == null ? null : weights.clone();
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a point weight is invalid or all are zero
         */
        public HeatmapLoss build() {
            if (pointWeights != null) {
                double total = 0;
                for (float w : pointWeights) {
                    total += LossInputs.requireWeight(name() + ": every point weight", w);
                }
                if (total <= 0) {
                    throw new IllegalArgumentException(
                            name()
                                    + ": at least one point weight must be > 0 but got "
                                    + Arrays.toString(pointWeights));
                }
            }
            return new HeatmapLoss(this);
        }
    }
}
