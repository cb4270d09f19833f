package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sub-pixel upsampling by an integer factor: each stage is a convolution to {@code channels * r *
 * r} channels, a {@link PixelShuffle} by r and an optional activation. A factor 2^k uses k stages
 * of r = 2 (SRGAN/EDSR); any other factor uses one stage of r = factor (ESPCN). Input (N, Cin, H,
 * W); output (N, channels, H * factor, W * factor). Parameters per stage: {@code 4 C * Cin_stage
 * * k * k + 4 C} for r = 2.
 */
public final class PixelShuffleUpsampler extends FsrBlock {

    private static final byte VERSION = 1;

    private final int factor;
    private final List<Integer> stageFactors;
    private final List<ConvBlock> convs;
    private final List<ActivationBlock> activations;

    private PixelShuffleUpsampler(Builder b) {
        super(VERSION);
        this.factor = b.factor;
        List<Integer> factors = new ArrayList<>();
        if (Integer.bitCount(b.factor) == 1) {
            for (int f = b.factor; f > 1; f /= 2) {
                factors.add(2);
            }
        } else {
            factors.add(b.factor);
        }
        this.stageFactors = Collections.unmodifiableList(factors);
        if (b.stageChannels != null && b.stageChannels.size() != factors.size()) {
            throw new IllegalArgumentException(
                    "PixelShuffleUpsampler.optStageChannels needs one entry per stage: factor "
                            + b.factor + " has " + factors.size() + " stage(s) " + factors
                            + ", got " + b.stageChannels);
        }
        List<ConvBlock> c = new ArrayList<>();
        List<ActivationBlock> a = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            int r = factors.get(i);
            int out = b.stageChannels == null ? b.channels : b.stageChannels.get(i);
            c.add(
                    addChildBlock(
                            "conv" + i,
                            ConvBlock.builder()
                                    .setChannels(out * r * r)
                                    .optKernelSize(b.kernel)
                                    .build()));
            ActivationBlock act = ActivationBlock.orNull(b.activation, b.leakySlope);
            a.add(act == null ? null : addChildBlock("act" + i, act));
        }
        this.convs = Collections.unmodifiableList(c);
        this.activations = Collections.unmodifiableList(a);
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
     * Returns the upscaling factor.
     *
     * @return the factor
     */
    public int getFactor() {
        return factor;
    }

    /**
     * Returns the factor of each stage, in order (e.g. [2, 2, 2] for 8, [3] for 3).
     *
     * @return the stage factors
     */
    public List<Integer> getStageFactors() {
        return stageFactors;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        singleImageShape("PixelShuffleUpsampler", inputs);
        Shape[] s = inputs;
        for (int i = 0; i < convs.size(); i++) {
            s = step.apply(convs.get(i), s);
            s = new Shape[] {PixelShuffle.outputShape(s[0], stageFactors.get(i))};
            if (activations.get(i) != null) {
                s = step.apply(activations.get(i), s);
            }
        }
        return s;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        for (int i = 0; i < convs.size(); i++) {
            x = convs.get(i).forward(store, x, training, params);
            x = new NDList(PixelShuffle.apply(x.singletonOrThrow(), stageFactors.get(i)));
            if (activations.get(i) != null) {
                x = activations.get(i).forward(store, x, training, params);
            }
        }
        return x;
    }

    /** Builder for {@link PixelShuffleUpsampler}. */
    public static final class Builder {
        private int factor;
        private int channels;
        private int kernel = 3;
        private ActivationType activation = ActivationType.NONE;
        private float leakySlope = 0.2f;
        private List<Integer> stageChannels;

        Builder() {}

        /**
         * Sets the channels after each stage, tapering the width where the resolution is high
         * (e.g. [64, 32, 16] for factor 8 costs far less than 64 throughout). The last entry
         * is the output's channel count and must equal {@link #setChannels(int)}. Default: the
         * {@code setChannels} value after every stage.
         *
         * @param stageChannels one positive entry per stage (3 for factor 8, 1 for factor 3)
         * @return this builder
         */
        public Builder optStageChannels(List<Integer> stageChannels) {
            this.stageChannels = stageChannels == null ? null : List.copyOf(stageChannels);
            return this;
        }

        /**
         * Sets the upscaling factor (required).
         *
         * @param factor at least 2
         * @return this builder
         */
        public Builder setFactor(int factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Sets the channels after every stage, i.e. of the output (required).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the odd kernel size of the stage convolutions (default 3).
         *
         * @param kernel 1, 3, 5, ...
         * @return this builder
         */
        public Builder optKernelSize(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /**
         * Sets the activation after each shuffle (default none; SRGAN uses PReLU).
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
        public PixelShuffleUpsampler build() {
            if (factor < 2) {
                throw new IllegalArgumentException(
                        "PixelShuffleUpsampler.setFactor must be an integer >= 2, got " + factor
                                + "; for a same-size output use no upsampler");
            }
            BuilderChecks.positive("PixelShuffleUpsampler", "setChannels", channels);
            BuilderChecks.oddKernel("PixelShuffleUpsampler", "optKernelSize", kernel);
            BuilderChecks.notNull("PixelShuffleUpsampler", "optActivation", activation);
            BuilderChecks.inRange("PixelShuffleUpsampler", "optLeakySlope", leakySlope, 0f, 1f);
            if (stageChannels != null) {
                for (int ch : stageChannels) {
                    BuilderChecks.positive("PixelShuffleUpsampler", "optStageChannels", ch);
                }
                if (stageChannels.isEmpty() || stageChannels.get(stageChannels.size() - 1) != channels) {
                    throw new IllegalArgumentException(
                            "PixelShuffleUpsampler.optStageChannels must end with the output "
                                    + "channels " + channels + " (setChannels), got " + stageChannels);
                }
            }
            return new PixelShuffleUpsampler(this);
        }
    }
}
