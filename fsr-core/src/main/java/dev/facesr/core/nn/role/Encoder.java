package dev.facesr.core.nn.role;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.layer.ConvBlock;
import dev.facesr.core.nn.layer.ResidualBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes an image into a code: a 3x3 head convolution to {@code channels}, {@code downsamplings}
 * stride-2 convolutions (channels doubling each time, capped at {@code maxChannels}), {@code
 * residualBlocks} residual blocks, then optionally a 3x3 convolution to {@code codeChannels} and,
 * for a vector code, a flatten and a linear layer to {@code vectorSize}.
 *
 * <p>Input: (N, C, H, W) images in [0, 1] (in the cross-domain GAN both the LR face resized to
 * the HR grid and the HR face). Output: a feature-map code (N, codeChannels or
 * min(channels * 2^downsamplings, maxChannels), ceil(H / 2^d), ceil(W / 2^d)), or a vector code
 * (N, vectorSize) when {@code vectorSize > 0} (the input size is then fixed at initialisation).
 */
public final class Encoder extends FsrBlock implements RebuildableBlock {

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of(
                    "channels", "downsamplings", "maxChannels", "residualBlocks", "codeChannels",
                    "vectorSize", "norm", "activation", "leakySlope");

    private final Map<String, Object> arguments;
    private final List<Block> features;
    private final Linear vector;

    private Encoder(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        List<Block> parts = new ArrayList<>();
        parts.add(
                addChildBlock(
                        "head",
                        ConvBlock.builder()
                                .setChannels(b.channels)
                                .optActivation(b.activation)
                                .optLeakySlope(b.leakySlope)
                                .build()));
        for (int i = 1; i <= b.downsamplings; i++) {
            parts.add(
                    addChildBlock(
                            "down" + i,
                            ConvBlock.builder()
                                    .setChannels(b.stageChannels(i))
                                    .optStride(2)
                                    .optNorm(b.norm)
                                    .optActivation(b.activation)
                                    .optLeakySlope(b.leakySlope)
                                    .build()));
        }
        int top = b.stageChannels(b.downsamplings);
        for (int i = 0; i < b.residualBlocks; i++) {
            parts.add(
                    addChildBlock(
                            "res" + i,
                            ResidualBlock.builder()
                                    .setChannels(top)
                                    .optNorm(b.norm)
                                    .optActivation(b.activation)
                                    .optLeakySlope(b.leakySlope)
                                    .build()));
        }
        if (b.codeChannels > 0) {
            parts.add(
                    addChildBlock(
                            "code", ConvBlock.builder().setChannels(b.codeChannels).build()));
        }
        this.features = Collections.unmodifiableList(parts);
        this.vector =
                b.vectorSize > 0
                        ? addChildBlock("vector", Linear.builder().setUnits(b.vectorSize).build())
                        : null;
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
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        singleImageShape("Encoder", inputs);
        Shape[] s = walkChain(features, inputs, step);
        if (vector != null) {
            Shape map = s[0];
            s = step.apply(vector, new Shape[] {new Shape(map.get(0), map.size() / map.get(0))});
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
        NDList x = forwardChain(features, store, inputs, training, params);
        if (vector != null) {
            NDArray map = x.singletonOrThrow();
            x = vector.forward(store, new NDList(map.reshape(map.getShape().get(0), -1)),
                    training, params);
        }
        return x;
    }

    /** Builder for {@link Encoder}; also fillable from an argument map. */
    public static final class Builder {
        private int channels;
        private int downsamplings = 2;
        private int maxChannels = 256;
        private int residualBlocks = 2;
        private int codeChannels;
        private int vectorSize;
        private NormType norm = NormType.NONE;
        private ActivationType activation = ActivationType.LEAKY_RELU;
        private float leakySlope = 0.2f;

        Builder() {}

        int stageChannels(int i) {
            return (int) Math.min((long) channels << i, maxChannels);
        }

        /**
         * Sets the channels of the head convolution (required); they double per downsampling.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of stride-2 downsamplings (default 2).
         *
         * @param downsamplings 0 or more
         * @return this builder
         */
        public Builder optDownsamplings(int downsamplings) {
            this.downsamplings = downsamplings;
            return this;
        }

        /**
         * Sets the cap of the doubling channels (default 256).
         *
         * @param maxChannels at least {@code channels}
         * @return this builder
         */
        public Builder optMaxChannels(int maxChannels) {
            this.maxChannels = maxChannels;
            return this;
        }

        /**
         * Sets the number of residual blocks after the downsamplings (default 2).
         *
         * @param residualBlocks 0 or more
         * @return this builder
         */
        public Builder optResidualBlocks(int residualBlocks) {
            this.residualBlocks = residualBlocks;
            return this;
        }

        /**
         * Adds a last 3x3 convolution to this many code channels (default 0 = none).
         *
         * @param codeChannels 0 or more
         * @return this builder
         */
        public Builder optCodeChannels(int codeChannels) {
            this.codeChannels = codeChannels;
            return this;
        }

        /**
         * Makes the code a vector of this size (default 0 = a feature-map code).
         *
         * @param vectorSize 0 or more
         * @return this builder
         */
        public Builder optVectorSize(int vectorSize) {
            this.vectorSize = vectorSize;
            return this;
        }

        /**
         * Sets the normalisation of the downsamplings and residual blocks (default none).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation (default leaky ReLU).
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
         * Fills the builder from an argument map as returned by {@link Encoder#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys (listing the known ones) or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("Encoder", args, KEYS);
            if (a.has("channels")) {
                setChannels(a.getInt("channels"));
            }
            if (a.has("downsamplings")) {
                optDownsamplings(a.getInt("downsamplings"));
            }
            if (a.has("maxChannels")) {
                optMaxChannels(a.getInt("maxChannels"));
            }
            if (a.has("residualBlocks")) {
                optResidualBlocks(a.getInt("residualBlocks"));
            }
            if (a.has("codeChannels")) {
                optCodeChannels(a.getInt("codeChannels"));
            }
            if (a.has("vectorSize")) {
                optVectorSize(a.getInt("vectorSize"));
            }
            if (a.has("norm")) {
                optNorm(NormType.fromArgument(a.getString("norm")));
            }
            if (a.has("activation")) {
                optActivation(ActivationType.fromArgument(a.getString("activation")));
            }
            if (a.has("leakySlope")) {
                optLeakySlope(a.getFloat("leakySlope"));
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("channels", channels);
            m.put("downsamplings", downsamplings);
            m.put("maxChannels", maxChannels);
            m.put("residualBlocks", residualBlocks);
            m.put("codeChannels", codeChannels);
            m.put("vectorSize", vectorSize);
            m.put("norm", norm.argumentName());
            m.put("activation", activation.argumentName());
            m.put("leakySlope", leakySlope);
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the encoder.
         *
         * @return the encoder
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public Encoder build() {
            BuilderChecks.positive("Encoder", "setChannels", channels);
            BuilderChecks.nonNegative("Encoder", "optDownsamplings", downsamplings);
            if (maxChannels < channels) {
                throw new IllegalArgumentException(
                        "Encoder.optMaxChannels (" + maxChannels + ") must be at least "
                                + "setChannels (" + channels + ")");
            }
            BuilderChecks.nonNegative("Encoder", "optResidualBlocks", residualBlocks);
            BuilderChecks.nonNegative("Encoder", "optCodeChannels", codeChannels);
            BuilderChecks.nonNegative("Encoder", "optVectorSize", vectorSize);
            BuilderChecks.notNull("Encoder", "optNorm", norm);
            BuilderChecks.notNull("Encoder", "optActivation", activation);
            BuilderChecks.inRange("Encoder", "optLeakySlope", leakySlope, 0f, 1f);
            return new Encoder(this);
        }
    }
}
