package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;

/**
 * A perceptual (feature) loss: the distance between the features a frozen network extracts from
 * the prediction and from the label, summed over the chosen layers with per-layer weights.
 *
 * <p>Per sample: {@code Σ_l w_l · mean(penalty(φ_l(sr) - φ_l(hr)))}, with {@code φ} from a
 * {@link FeatureExtractor} (parameters frozen; gradients flow to the prediction only; the label
 * features are detached). Inputs: {@code labels = NDList(hr)}, {@code predictions = NDList(sr)},
 * NCHW images of the same shape.
 *
 * <pre>{@code
 * FeatureExtractor vgg = FeatureExtractor.ofLayers(vggFeatures, 3, 8, 17);
 * FaceLoss perceptual = PerceptualLoss.builder().setExtractor(vgg)
 *         .optLayerWeights(0.5f, 1f, 1f).optWeight(0.1f).build();
 * }</pre>
 */
public final class PerceptualLoss extends FaceLoss {

    private final FeatureExtractor extractor;
    private final float[] layerWeights;
    private final Penalty penalty;

    private PerceptualLoss(Builder builder) {
        super(builder);
        this.extractor = builder.extractor;
        this.layerWeights = builder.layerWeights;
        this.penalty = builder.penalty;
    }

    /**
     * Starts a perceptual loss named {@code perceptual}, L1 distance, layer weights 1.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray label = LossInputs.entry(getName(), labels, "labels", 0);
        NDArray prediction = LossInputs.entry(getName(), predictions, "predictions", 0);
        LossInputs.requireSameShape(getName(), "predictions[0]", prediction, "labels[0]", label);
        LossInputs.requireBatch(getName(), "predictions[0]", prediction);
        NDList predictionFeatures = extractor.extract(prediction);
        NDList labelFeatures = extractor.extract(label.stopGradient());
        if (layerWeights != null && layerWeights.length != predictionFeatures.size()) {
            throw new IllegalArgumentException(
                    getName()
                            + ": "
                            + layerWeights.length
                            + " layer weights were set but the extractor returned "
                            + predictionFeatures.size()
                            + " features; give one weight per feature");
        }
        NDArray total = null;
        for (int i = 0; i < predictionFeatures.size(); i++) {
            NDArray diff = predictionFeatures.get(i).sub(labelFeatures.get(i).stopGradient());
            NDArray term = LossInputs.meanPerSample(penalty.apply(diff));
            float layerWeight = layerWeights == null ? 1f : layerWeights[i];
            term = term.mul(layerWeight);
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            throw new IllegalStateException(getName() + ": the extractor returned no features");
        }
        return total;
    }

    /** Builds a {@link PerceptualLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private FeatureExtractor extractor;
        private float[] layerWeights;
        private Penalty penalty = Penalty.L1;

        Builder() {
            super("perceptual");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the frozen feature network (required).
         *
         * @param extractor the extractor
         * @return this builder
         */
        public Builder setExtractor(FeatureExtractor extractor) {
            this.extractor = extractor;
            return this;
        }

        /**
         * Sets one weight per extracted feature (default 1 each).
         *
         * @param weights finite weights {@code >= 0}
         * @return this builder
         */
        public Builder optLayerWeights(float... weights) {
            this.layerWeights = weights == null ? null : weights.clone();
            return this;
        }

        /**
         * Sets the distance between features (default {@link Penalty#L1}).
         *
         * @param penalty e.g. {@link Penalty#L1} or {@link Penalty#L2}
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
         * @throws IllegalArgumentException if the extractor is missing or a weight is invalid
         */
        public PerceptualLoss build() {
            if (extractor == null) {
                throw new IllegalArgumentException(
                        name() + ": setExtractor(...) is required (a FeatureExtractor of a frozen"
                                + " network)");
            }
            if (penalty == null) {
                throw new IllegalArgumentException(name() + ": the penalty must not be null");
            }
            if (layerWeights != null) {
                if (layerWeights.length == 0) {
                    throw new IllegalArgumentException(
                            name() + ": layer weights must not be empty; omit them for weight 1");
                }
                for (float w : layerWeights) {
                    LossInputs.requireWeight(name() + ": every layer weight", w);
                }
                int count = extractor.featureCount();
                if (count >= 0 && count != layerWeights.length) {
                    throw new IllegalArgumentException(
                            name()
                                    + ": "
                                    + layerWeights.length
                                    + " layer weights "
                                    + Arrays.toString(layerWeights)
                                    + " for "
                                    + count
                                    + " extracted layers; give one weight per layer");
                }
            }
            return new PerceptualLoss(this);
        }
    }
}
