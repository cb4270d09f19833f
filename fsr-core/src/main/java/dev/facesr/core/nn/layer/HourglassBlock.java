package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.Resize;
import dev.facesr.core.nn.ResizeMode;

/**
 * Recursive hourglass (Newell et al.), as used by FSRNet's prior estimation: {@code out =
 * skip(x) + upsample2(up(inner(down(maxpool2(x)))))} where skip, down and up are residual blocks
 * and inner is an hourglass of depth - 1 (a residual block at depth 1). Input and output: (N, C,
 * H, W) with C = {@code channels}; H and W must be divisible by 2^depth. Parameters: {@code 4 +
 * 3 * (depth - 1)} residual blocks.
 */
public final class HourglassBlock extends FsrBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final int depth;
    private final Block skip;
    private final Block down;
    private final Block inner;
    private final Block up;

    private HourglassBlock(Builder b) {
        super(VERSION);
        this.channels = b.channels;
        this.depth = b.depth;
        skip = addChildBlock("skip", b.residual().build());
        down = addChildBlock("down", b.residual().build());
        if (b.depth > 1) {
            Builder innerBuilder = b.copy();
            innerBuilder.depth = b.depth - 1;
            inner = addChildBlock("inner", innerBuilder.build());
        } else {
            inner = addChildBlock("inner", b.residual().build());
        }
        up = addChildBlock("up", b.residual().build());
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
        Shape in = singleImageShape("HourglassBlock", inputs);
        long unit = 1L << depth;
        if (in.get(1) != channels || in.get(2) % unit != 0 || in.get(3) % unit != 0) {
            throw new IllegalArgumentException(
                    "HourglassBlock(channels=" + channels + ", depth=" + depth + ") needs "
                            + channels + " input channels and a height and width divisible by "
                            + unit + ", got shape " + in + "; pad or crop the input, or lower "
                            + "the depth");
        }
        step.apply(skip, inputs);
        Shape[] s = {new Shape(in.get(0), in.get(1), in.get(2) / 2, in.get(3) / 2)};
        s = step.apply(down, s);
        s = step.apply(inner, s);
        step.apply(up, s);
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
        NDArray skipped = skip.forward(store, inputs, training, params).singletonOrThrow();
        NDArray pooled =
                Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        NDList low = down.forward(store, new NDList(pooled), training, params);
        low = inner.forward(store, low, training, params);
        low = up.forward(store, low, training, params);
        Shape s = x.getShape();
        NDArray upsampled =
                Resize.resize(low.singletonOrThrow(), s.get(2), s.get(3), ResizeMode.NEAREST);
        return new NDList(skipped.add(upsampled));
    }

    /** Builder for {@link HourglassBlock}. */
    public static final class Builder {
        private int channels;
        private int depth;
        private NormType norm = NormType.NONE;
        private ActivationType activation = ActivationType.RELU;

        Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.channels = channels;
            b.depth = depth;
            b.norm = norm;
            b.activation = activation;
            return b;
        }

        private ResidualBlock.Builder residual() {
            return ResidualBlock.builder()
                    .setChannels(channels)
                    .optNorm(norm)
                    .optActivation(activation);
        }

        /**
         * Sets the channels of input, output and every residual block (required).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of halvings (required; FSRNet uses 4).
         *
         * @param depth at least 1
         * @return this builder
         */
        public Builder setDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /**
         * Sets the normalisation inside the residual blocks (default none).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation inside the residual blocks (default ReLU).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optActivation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public HourglassBlock build() {
            BuilderChecks.positive("HourglassBlock", "setChannels", channels);
            BuilderChecks.positive("HourglassBlock", "setDepth", depth);
            if (depth > 16) {
                throw new IllegalArgumentException(
                        "HourglassBlock.setDepth must be at most 16, got " + depth);
            }
            BuilderChecks.notNull("HourglassBlock", "optNorm", norm);
            BuilderChecks.notNull("HourglassBlock", "optActivation", activation);
            return new HourglassBlock(this);
        }
    }
}
