package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Global average pooling followed by linear layers: hidden layers (each with an activation) and a
 * last linear layer to {@code outputs} values without activation. Input (N, C, H, W); output (N,
 * outputs). Parameters: sum over consecutive widths {@code a -> b} of {@code a * b + b}.
 */
public final class GlobalPoolingHead extends FsrBlock {

    private static final byte VERSION = 1;

    private final List<Block> chain;

    private GlobalPoolingHead(Builder b) {
        super(VERSION);
        List<Block> parts = new ArrayList<>();
        for (int i = 0; i < b.hidden.size(); i++) {
            parts.add(addChildBlock("hidden" + i, Linear.builder().setUnits(b.hidden.get(i)).build()));
            ActivationBlock act = ActivationBlock.orNull(b.activation, b.leakySlope);
            if (act != null) {
                parts.add(addChildBlock("act" + i, act));
            }
        }
        parts.add(addChildBlock("out", Linear.builder().setUnits(b.outputs).build()));
        this.chain = Collections.unmodifiableList(parts);
        useDefaultInitializers();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("GlobalPoolingHead", inputs);
        return walkChain(chain, new Shape[] {new Shape(in.get(0), in.get(1))}, step);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList pooled = new NDList(spatialMean(inputs.singletonOrThrow(), false));
        return forwardChain(chain, store, pooled, training, params);
    }

    /** Builder for {@link GlobalPoolingHead}. */
    public static final class Builder {
        private int outputs;
        private List<Integer> hidden = List.of();
        private ActivationType activation = ActivationType.LEAKY_RELU;
        private float leakySlope = 0.2f;

        Builder() {}

        /**
         * Sets the number of outputs (required).
         *
         * @param outputs at least 1
         * @return this builder
         */
        public Builder setOutputs(int outputs) {
            this.outputs = outputs;
            return this;
        }

        /**
         * Sets the widths of the hidden layers (default none).
         *
         * @param hidden each at least 1
         * @return this builder
         */
        public Builder optHidden(List<Integer> hidden) {
            this.hidden = hidden == null ? null : List.copyOf(hidden);
            return this;
        }

        /**
         * Sets the activation after each hidden layer (default leaky ReLU).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optActivation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets the leaky-ReLU negative slope (default 0.2).
         *
         * @param slope in [0, 1]
         * @return this builder
         */
        public Builder optLeakySlope(float slope) {
            this.leakySlope = slope;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public GlobalPoolingHead build() {
            BuilderChecks.positive("GlobalPoolingHead", "setOutputs", outputs);
            BuilderChecks.notNull("GlobalPoolingHead", "optHidden", hidden);
            for (int h : hidden) {
                BuilderChecks.positive("GlobalPoolingHead", "optHidden (each width)", h);
            }
            BuilderChecks.notNull("GlobalPoolingHead", "optActivation", activation);
            BuilderChecks.inRange("GlobalPoolingHead", "optLeakySlope", leakySlope, 0f, 1f);
            return new GlobalPoolingHead(this);
        }
    }
}
