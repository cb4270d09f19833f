package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.NormType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Convolution with "same" padding ({@code k / 2}), then optional normalisation, then optional
 * activation. Input (N, Cin, H, W); output (N, channels, floor((H - 1) / stride) + 1, floor((W -
 * 1) / stride) + 1), i.e. the same size for stride 1 and half (rounded up) for stride 2.
 * Parameters: {@code channels * Cin * k * k} weights, {@code channels} biases (if enabled), 2 *
 * channels for batch or instance norm (plus 2 * channels running statistics for batch norm) and 1
 * for PReLU.
 */
public final class ConvBlock extends FsrBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final List<Block> chain;

    private ConvBlock(Builder b) {
        super(VERSION);
        this.channels = b.channels;
        List<Block> parts = new ArrayList<>();
        parts.add(
                addChildBlock(
                        "conv",
                        Conv2d.builder()
                                .setKernelShape(new Shape(b.kernel, b.kernel))
                                .optStride(new Shape(b.stride, b.stride))
                                .optPadding(new Shape(b.kernel / 2, b.kernel / 2))
                                .setFilters(b.channels)
                                .optBias(b.bias)
                                .build()));
        if (b.norm == NormType.BATCH) {
            parts.add(addChildBlock("norm", BatchNorm.builder().build()));
        } else if (b.norm == NormType.INSTANCE) {
            parts.add(addChildBlock("norm", new InstanceNorm()));
        }
        ActivationBlock act = ActivationBlock.orNull(b.activation, b.leakySlope);
        if (act != null) {
            parts.add(addChildBlock("act", act));
        }
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

    /**
     * Returns the number of output channels.
     *
     * @return the channels
     */
    public int getChannels() {
        return channels;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        singleImageShape("ConvBlock", inputs);
        return walkChain(chain, inputs, step);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return forwardChain(chain, store, inputs, training, params);
    }

    /** Builder for {@link ConvBlock}. */
    public static final class Builder {
        private int channels;
        private int kernel = 3;
        private int stride = 1;
        private boolean bias = true;
        private NormType norm = NormType.NONE;
        private ActivationType activation = ActivationType.NONE;
        private float leakySlope = 0.2f;

        Builder() {}

        /**
         * Sets the number of output channels (required).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the odd kernel size (default 3).
         *
         * @param kernel 1, 3, 5, ...
         * @return this builder
         */
        public Builder optKernelSize(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /**
         * Sets the stride (default 1; 2 halves the size).
         *
         * @param stride at least 1
         * @return this builder
         */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets whether the convolution has a bias (default true).
         *
         * @param bias whether to add a bias
         * @return this builder
         */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets the normalisation after the convolution (default none).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation at the end (default none).
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
        public ConvBlock build() {
            BuilderChecks.positive("ConvBlock", "setChannels", channels);
            BuilderChecks.oddKernel("ConvBlock", "optKernelSize", kernel);
            BuilderChecks.positive("ConvBlock", "optStride", stride);
            BuilderChecks.notNull("ConvBlock", "optNorm", norm);
            BuilderChecks.notNull("ConvBlock", "optActivation", activation);
            BuilderChecks.inRange("ConvBlock", "optLeakySlope", leakySlope, 0f, 1f);
            return new ConvBlock(this);
        }
    }
}
