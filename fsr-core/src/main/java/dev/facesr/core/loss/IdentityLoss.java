package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import java.util.function.UnaryOperator;

/**
 * The identity-preserving loss: the distance between the embeddings a frozen face-recognition
 * network gives the prediction and the label.
 *
 * <p>Per sample: {@code 1 - cos(e(sr), e(hr))} (default, in [0, 2]) or the squared Euclidean
 * distance {@code ||e(sr) - e(hr)||²}. The embedder is any {@link Block} mapping NCHW images to
 * {@code (N, D)} embeddings; its parameters are frozen when the loss is built and the label
 * embedding is detached, so gradients reach only the prediction. Inputs: {@code labels =
 * NDList(hr)}, {@code predictions = NDList(sr)}, NCHW of the same shape. An input transform (e.g.
 * resize to the embedder's input size, or [0, 1] to [-1, 1]) can be set.
 */
public final class IdentityLoss extends FaceLoss {

    /** How two embeddings are compared. */
    public enum Distance {
        /** {@code 1 - cosine similarity}. */
        COSINE,
        /** Squared Euclidean distance, summed over the embedding dimensions. */
        SQUARED_L2
    }

    private static final float NORM_FLOOR_SQUARED = 1e-16f;

    private final FeatureExtractor embedder;
    private final Distance distance;

    private IdentityLoss(Builder builder) {
        super(builder);
        this.embedder = builder.embedder;
        this.distance = builder.distance;
    }

    /**
     * Starts an identity loss named {@code identity}, cosine distance.
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
        NDArray predicted = embed(prediction);
        NDArray target = embed(label.stopGradient()).stopGradient();
        if (distance == Distance.SQUARED_L2) {
            return predicted.sub(target).square().sum(new int[] {1});
        }
        return predicted.mul(target).sum(new int[] {1}).div(norm(predicted).mul(norm(target)))
                .neg()
                .add(1f);
    }

    private NDArray embed(NDArray images) {
        NDArray embedding = embedder.extract(images).get(0);
        long batch = images.getShape().get(0);
        if (embedding.getShape().dimension() != 2 || embedding.getShape().get(0) != batch) {
            throw new IllegalArgumentException(
                    getName()
                            + ": the embedder must return (N, D) embeddings for N = "
                            + batch
                            + " images but returned shape "
                            + embedding.getShape());
        }
        return embedding;
    }

    private static NDArray norm(NDArray embedding) {
        return embedding.square().sum(new int[] {1}).maximum(NORM_FLOOR_SQUARED).sqrt();
    }

    /** Builds an {@link IdentityLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private Block block;
        private UnaryOperator<NDArray> inputTransform = UnaryOperator.identity();
        private Distance distance = Distance.COSINE;
        private FeatureExtractor embedder;

        Builder() {
            super("identity");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the face-recognition network (required); it is frozen when the loss is built.
         *
         * @param block a block mapping NCHW images to (N, D) embeddings
         * @return this builder
         */
        public Builder setEmbedder(Block block) {
            this.block = block;
            return this;
        }

        /**
         * Sets a transform applied to both images before the embedder (default none).
         *
         * @param transform differentiable NDArray operations on the NCHW batch
         * @return this builder
         */
        public Builder optInputTransform(UnaryOperator<NDArray> transform) {
            this.inputTransform = transform;
            return this;
        }

        /**
         * Sets how embeddings are compared (default {@link Distance#COSINE}).
         *
         * @param distance the distance
         * @return this builder
         */
        public Builder optDistance(Distance distance) {
            this.distance = distance;
            return this;
        }

        /**
         * Builds the loss and freezes the embedder.
         *
         * @return the loss
         * @throws IllegalArgumentException if the embedder is missing or a setting is invalid
         */
        public IdentityLoss build() {
            if (block == null) {
                throw new IllegalArgumentException(
                        name() + ": setEmbedder(...) is required (a Block mapping NCHW images to"
                                + " (N, D) embeddings)");
            }
            if (distance == null || inputTransform == null) {
                throw new IllegalArgumentException(
                        name() + ": the distance and the input transform must not be null");
            }
            embedder = FeatureExtractor.ofBlock(block).withInputTransform(inputTransform);
            return new IdentityLoss(this);
        }
    }
}
