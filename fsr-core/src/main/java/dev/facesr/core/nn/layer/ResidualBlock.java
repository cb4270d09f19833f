package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
 * Residual block {@code x + scale * body(x)} where body is conv-norm-activation, conv-norm and,
 * optionally, {@link ChannelAttention}. This covers SRResNet (batch norm, PReLU), EDSR (no norm,
 * ReLU, scale 0.1) and RCAN (channel attention) blocks. Input and output: (N, C, H, W) with C =
 * {@code channels}. Parameters (bias on, no norm, no attention): {@code 2 * (9 C^2 + C)} for k=3.
 */
public final class ResidualBlock extends FsrBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final float scale;
    private final List<Block> body;

    private ResidualBlock(Builder b) {
        super(VERSION);
        this.channels = b.channels;
        this.scale = b.scale;
        List<Block> parts = new ArrayList<>();
        parts.add(
                addChildBlock(
                        "conv1",
                        ConvBlock.builder()
                                .setChannels(b.channels)
                                .optKernelSize(b.kernel)
                                .optNorm(b.norm)
                                .optActivation(b.activation)
                                .optLeakySlope(b.leakySlope)
                                .build()));
        parts.add(
                addChildBlock(
                        "conv2",
                        ConvBlock.builder()
                                .setChannels(b.channels)
                                .optKernelSize(b.kernel)
                                .optNorm(b.norm)
                                .build()));
        if (b.attentionReduction > 0) {
            parts.add(
                    addChildBlock(
                            "attention", new ChannelAttention(b.channels, b.attentionReduction)));
        }
        this.body = Collections.unmodifiableList(parts);
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
        Shape in = singleImageShape("ResidualBlock", inputs);
        if (in.get(1) != channels) {
            throw new IllegalArgumentException(
                    "ResidualBlock was built for " + channels + " channels but the input has "
                            + in.get(1) + " (shape " + in + "); a residual block keeps the "
                            + "channel count, so put a ConvBlock before it to change channels");
        }
        walkChain(body, inputs, step);
        return inputs;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = forwardChain(body, store, inputs, training, params).singletonOrThrow();
        if (scale != 1f) {
            y = y.mul(scale);
        }
        return new NDList(x.add(y));
    }

    /** Builder for {@link ResidualBlock}; may be reused as a template to build many blocks. */
    public static final class Builder {
        private int channels;
        private int kernel = 3;
        private NormType norm = NormType.NONE;
        private ActivationType activation = ActivationType.RELU;
        private float leakySlope = 0.2f;
        private float scale = 1f;
        private int attentionReduction;

        Builder() {}

        /**
         * Sets the channels of input and output (required).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Returns the channels set so far.
         *
         * @return the channels
         */
        public int getChannels() {
            return channels;
        }

        /**
         * Returns the kernel size set so far.
         *
         * @return the kernel size
         */
        public int getKernelSize() {
            return kernel;
        }

        /**
         * Returns the normalisation set so far.
         *
         * @return the normalisation
         */
        public NormType getNorm() {
            return norm;
        }

        /**
         * Sets the odd kernel size of both convolutions (default 3).
         *
         * @param kernel 1, 3, 5, ...
         * @return this builder
         */
        public Builder optKernelSize(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /**
         * Sets the normalisation after each convolution (default none).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation between the convolutions (default ReLU).
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
         * Sets the residual scaling (default 1; EDSR uses 0.1 for wide networks).
         *
         * @param scale in (0, 1]
         * @return this builder
         */
        public Builder optResidualScale(float scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Turns on channel attention with the given reduction (default 0 = off; RCAN uses 16).
         *
         * @param reduction 0 for none, else at least 1
         * @return this builder
         */
        public Builder optChannelAttention(int reduction) {
            this.attentionReduction = reduction;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public ResidualBlock build() {
            BuilderChecks.positive("ResidualBlock", "setChannels", channels);
            BuilderChecks.oddKernel("ResidualBlock", "optKernelSize", kernel);
            BuilderChecks.notNull("ResidualBlock", "optNorm", norm);
            BuilderChecks.notNull("ResidualBlock", "optActivation", activation);
            BuilderChecks.inRange("ResidualBlock", "optLeakySlope", leakySlope, 0f, 1f);
            if (!(scale > 0f && scale <= 1f)) {
                throw new IllegalArgumentException(
                        "ResidualBlock.optResidualScale must be in (0, 1], got " + scale);
            }
            BuilderChecks.nonNegative("ResidualBlock", "optChannelAttention", attentionReduction);
            return new ResidualBlock(this);
        }
    }
}
