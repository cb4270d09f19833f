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
import dev.facesr.core.nn.layer.PixelShuffleUpsampler;
import dev.facesr.core.nn.layer.ResidualBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a code back into an image, mirroring {@link Encoder} with the same {@code channels},
 * {@code maxChannels} and {@code upsamplings} = the encoder's downsamplings: a 3x3 head
 * convolution to {@code min(channels * 2^upsamplings, maxChannels)}, residual blocks, then one
 * x2 {@link PixelShuffleUpsampler} per upsampling (channels halving back to {@code channels}),
 * and a 3x3 tail convolution to {@code outputChannels} with {@code outputActivation}.
 *
 * <p>Input: a feature-map code (N, Ccode, h, w), or with {@code vectorHeight/vectorWidth > 0} a
 * vector code (N, D) that a linear layer maps to (N, topChannels, vectorHeight, vectorWidth).
 * Output: (N, outputChannels, h * 2^upsamplings, w * 2^upsamplings) images (in [0, 1] when
 * trained so; use {@code outputActivation = sigmoid} to force the range).
 */
public final class Decoder extends FsrBlock implements RebuildableBlock {

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of(
                    "channels", "upsamplings", "maxChannels", "residualBlocks", "outputChannels",
                    "outputActivation", "vectorHeight", "vectorWidth", "norm", "activation",
                    "leakySlope");

    private final Map<String, Object> arguments;
    private final int topChannels;
    private final int vectorHeight;
    private final int vectorWidth;
    private final Linear fromVector;
    private final List<Block> chain;

    private Decoder(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.topChannels = b.stageChannels(b.upsamplings);
        this.vectorHeight = b.vectorHeight;
        this.vectorWidth = b.vectorWidth;
        this.fromVector =
                b.vectorHeight > 0
                        ? addChildBlock(
                                "fromVector",
                                Linear.builder()
                                        .setUnits((long) topChannels * b.vectorHeight
                                                * b.vectorWidth)
                                        .build())
                        : null;
        List<Block> parts = new ArrayList<>();
        parts.add(
                addChildBlock(
                        "head",
                        ConvBlock.builder()
                                .setChannels(topChannels)
                                .optActivation(b.activation)
                                .optLeakySlope(b.leakySlope)
                                .build()));
        for (int i = 0; i < b.residualBlocks; i++) {
            parts.add(
                    addChildBlock(
                            "res" + i,
                            ResidualBlock.builder()
                                    .setChannels(topChannels)
                                    .optNorm(b.norm)
                                    .optActivation(b.activation)
                                    .optLeakySlope(b.leakySlope)
                                    .build()));
        }
        for (int i = b.upsamplings; i >= 1; i--) {
            parts.add(
                    addChildBlock(
                            "up" + i,
                            PixelShuffleUpsampler.builder()
                                    .setFactor(2)
                                    .setChannels(b.stageChannels(i - 1))
                                    .optActivation(b.activation)
                                    .optLeakySlope(b.leakySlope)
                                    .build()));
        }
        parts.add(
                addChildBlock(
                        "tail",
                        ConvBlock.builder()
                                .setChannels(b.outputChannels)
                                .optActivation(b.outputActivation)
                                .build()));
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
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape[] s = inputs;
        if (fromVector != null) {
            if (inputs.length != 1 || inputs[0].dimension() != 2) {
                throw new IllegalArgumentException(
                        "Decoder built for vector codes expects one (N, D) input, got "
                                + Arrays.toString(inputs));
            }
            step.apply(fromVector, inputs);
            s = new Shape[] {new Shape(inputs[0].get(0), topChannels, vectorHeight, vectorWidth)};
        } else {
            singleImageShape("Decoder (feature-map code)", inputs);
        }
        return walkChain(chain, s, step);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        if (fromVector != null) {
            NDArray v = fromVector.forward(store, inputs, training, params).singletonOrThrow();
            x = new NDList(v.reshape(v.getShape().get(0), topChannels, vectorHeight, vectorWidth));
        }
        return forwardChain(chain, store, x, training, params);
    }

    /** Builder for {@link Decoder}; also fillable from an argument map. */
    public static final class Builder {
        private int channels;
        private int upsamplings = 2;
        private int maxChannels = 256;
        private int residualBlocks = 2;
        private int outputChannels = 3;
        private ActivationType outputActivation = ActivationType.NONE;
        private int vectorHeight;
        private int vectorWidth;
        private NormType norm = NormType.NONE;
        private ActivationType activation = ActivationType.LEAKY_RELU;
        private float leakySlope = 0.2f;

        Builder() {}

        int stageChannels(int i) {
            return (int) Math.min((long) channels << i, maxChannels);
        }

        /**
         * Sets the channels before the tail convolution (required); the encoder's channels.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of x2 upsamplings (default 2).
         *
         * @param upsamplings 0 or more
         * @return this builder
         */
        public Builder optUpsamplings(int upsamplings) {
            this.upsamplings = upsamplings;
            return this;
        }

        /**
         * Sets the channel cap (default 256), as in the encoder.
         *
         * @param maxChannels at least {@code channels}
         * @return this builder
         */
        public Builder optMaxChannels(int maxChannels) {
            this.maxChannels = maxChannels;
            return this;
        }

        /**
         * Sets the number of residual blocks before the upsamplings (default 2).
         *
         * @param residualBlocks 0 or more
         * @return this builder
         */
        public Builder optResidualBlocks(int residualBlocks) {
            this.residualBlocks = residualBlocks;
            return this;
        }

        /**
         * Sets the image channels (default 3).
         *
         * @param outputChannels at least 1
         * @return this builder
         */
        public Builder optOutputChannels(int outputChannels) {
            this.outputChannels = outputChannels;
            return this;
        }

        /**
         * Sets the activation of the output (default none).
         *
         * @param outputActivation e.g. sigmoid to force (0, 1)
         * @return this builder
         */
        public Builder optOutputActivation(ActivationType outputActivation) {
            this.outputActivation = outputActivation;
            return this;
        }

        /**
         * Accepts vector codes, mapped by a linear layer to a grid of this size (default 0x0 =
         * feature-map codes).
         *
         * @param height the grid height, at least 1
         * @param width the grid width, at least 1
         * @return this builder
         */
        public Builder optVectorGrid(int height, int width) {
            this.vectorHeight = height;
            this.vectorWidth = width;
            return this;
        }

        /**
         * Sets the normalisation in the residual blocks (default none).
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
         * Fills the builder from an argument map as returned by {@link Decoder#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys (listing the known ones) or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("Decoder", args, KEYS);
            if (a.has("channels")) {
                setChannels(a.getInt("channels"));
            }
            if (a.has("upsamplings")) {
                optUpsamplings(a.getInt("upsamplings"));
            }
            if (a.has("maxChannels")) {
                optMaxChannels(a.getInt("maxChannels"));
            }
            if (a.has("residualBlocks")) {
                optResidualBlocks(a.getInt("residualBlocks"));
            }
            if (a.has("outputChannels")) {
                optOutputChannels(a.getInt("outputChannels"));
            }
            if (a.has("outputActivation")) {
                optOutputActivation(ActivationType.fromArgument(a.getString("outputActivation")));
            }
            if (a.has("vectorHeight")) {
                vectorHeight = a.getInt("vectorHeight");
            }
            if (a.has("vectorWidth")) {
                vectorWidth = a.getInt("vectorWidth");
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
            m.put("upsamplings", upsamplings);
            m.put("maxChannels", maxChannels);
            m.put("residualBlocks", residualBlocks);
            m.put("outputChannels", outputChannels);
            m.put("outputActivation", outputActivation.argumentName());
            m.put("vectorHeight", vectorHeight);
            m.put("vectorWidth", vectorWidth);
            m.put("norm", norm.argumentName());
            m.put("activation", activation.argumentName());
            m.put("leakySlope", leakySlope);
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the decoder.
         *
         * @return the decoder
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public Decoder build() {
            BuilderChecks.positive("Decoder", "setChannels", channels);
            BuilderChecks.nonNegative("Decoder", "optUpsamplings", upsamplings);
            if (maxChannels < channels) {
                throw new IllegalArgumentException(
                        "Decoder.optMaxChannels (" + maxChannels + ") must be at least "
                                + "setChannels (" + channels + ")");
            }
            BuilderChecks.nonNegative("Decoder", "optResidualBlocks", residualBlocks);
            BuilderChecks.positive("Decoder", "optOutputChannels", outputChannels);
            BuilderChecks.notNull("Decoder", "optOutputActivation", outputActivation);
            if (vectorHeight < 0 || vectorWidth < 0 || (vectorHeight == 0) != (vectorWidth == 0)) {
                throw new IllegalArgumentException(
                        "Decoder.optVectorGrid needs both height and width >= 1 (or both 0 for "
                                + "feature-map codes), got " + vectorHeight + "x" + vectorWidth);
            }
            BuilderChecks.notNull("Decoder", "optNorm", norm);
            BuilderChecks.notNull("Decoder", "optActivation", activation);
            BuilderChecks.inRange("Decoder", "optLeakySlope", leakySlope, 0f, 1f);
            return new Decoder(this);
        }
    }
}
