package dev.facesr.models.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.Resize;
import dev.facesr.core.nn.ResizeMode;
import dev.facesr.core.nn.layer.ConvBlock;
import dev.facesr.core.nn.layer.PixelShuffle;
import dev.facesr.core.nn.layer.ResidualBlock;
import dev.facesr.core.nn.layer.ResidualGroup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fast face super-resolution baseline (ESPCN / SRResNet family) that works on the LR input: a
 * 3x3 head convolution to {@code channels} (ReLU), a {@link ResidualGroup} of {@code
 * residualBlocks} residual blocks without normalisation, a 3x3 convolution to {@code 3 * scale^2}
 * channels and a single {@link PixelShuffle} by {@code scale}, so every convolution runs at the
 * LR resolution. With {@code globalResidual} (default) the bilinearly upsampled input is added,
 * so the network learns the high-frequency correction.
 *
 * <p>Input (N, 3, h, w) in [0, 1]; output (N, 3, scale * h, scale * w). The shipped models are
 * 8x (16 -> 128) and 4x (32 -> 128); their forward time is measured by {@code
 * FastSrBenchmarkTest} and listed in docs/models.md.
 */
public final class FastSr extends FsrBlock implements RebuildableBlock {

    /** The architecture name stored in model cards. */
    public static final String ARCHITECTURE = "fast";

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of("scale", "channels", "residualBlocks", "globalResidual");

    private final Map<String, Object> arguments;
    private final int scale;
    private final boolean globalResidual;
    private final ConvBlock head;
    private final ResidualGroup body;
    private final ConvBlock toSubpixels;

    private FastSr(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.scale = b.scale;
        this.globalResidual = b.globalResidual;
        head =
                addChildBlock(
                        "head",
                        ConvBlock.builder()
                                .setChannels(b.channels)
                                .optActivation(ActivationType.RELU)
                                .build());
        body =
                addChildBlock(
                        "body",
                        ResidualGroup.of(
                                b.residualBlocks,
                                ResidualBlock.builder()
                                        .setChannels(b.channels)
                                        .optActivation(ActivationType.RELU)));
        toSubpixels =
                addChildBlock(
                        "toSubpixels",
                        ConvBlock.builder().setChannels(3 * b.scale * b.scale).build());
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

    /**
     * Returns the upscaling factor.
     *
     * @return output side / input side
     */
    public int getScale() {
        return scale;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("FastSr", inputs);
        if (in.get(1) != 3) {
            throw new IllegalArgumentException(
                    "FastSr expects RGB faces (N, 3, h, w), got shape " + in);
        }
        Shape[] s = step.apply(head, inputs);
        s = step.apply(body, s);
        s = step.apply(toSubpixels, s);
        return new Shape[] {PixelShuffle.outputShape(s[0], scale)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = head.forward(store, inputs, training, params);
        x = body.forward(store, x, training, params);
        x = toSubpixels.forward(store, x, training, params);
        NDArray out = PixelShuffle.apply(x.singletonOrThrow(), scale);
        if (globalResidual) {
            Shape s = out.getShape();
            out = out.add(
                    Resize.resize(inputs.singletonOrThrow(), s.get(2), s.get(3),
                            ResizeMode.BILINEAR));
        }
        return new NDList(out);
    }

    /** Builder for {@link FastSr}; also fillable from an argument map. */
    public static final class Builder {
        private int scale;
        private int channels = 32;
        private int residualBlocks = 4;
        private boolean globalResidual = true;

        Builder() {}

        /**
         * Sets the integer upscaling factor (required).
         *
         * @param scale at least 2, e.g. 4 or 8
         * @return this builder
         */
        public Builder setScale(int scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Sets the feature channels (default 32).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of residual blocks (default 4).
         *
         * @param residualBlocks 0 or more
         * @return this builder
         */
        public Builder optResidualBlocks(int residualBlocks) {
            this.residualBlocks = residualBlocks;
            return this;
        }

        /**
         * Adds the bilinearly upsampled input to the output (default true).
         *
         * @param globalResidual whether to learn a correction of the upsampled input
         * @return this builder
         */
        public Builder optGlobalResidual(boolean globalResidual) {
            this.globalResidual = globalResidual;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link FastSr#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("FastSr", args, KEYS);
            if (a.has("scale")) {
                setScale(a.getInt("scale"));
            }
            if (a.has("channels")) {
                optChannels(a.getInt("channels"));
            }
            if (a.has("residualBlocks")) {
                optResidualBlocks(a.getInt("residualBlocks"));
            }
            if (a.has("globalResidual")) {
                optGlobalResidual(a.getBoolean("globalResidual"));
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("scale", scale);
            m.put("channels", channels);
            m.put("residualBlocks", residualBlocks);
            m.put("globalResidual", globalResidual);
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public FastSr build() {
            if (scale < 2) {
                throw new IllegalArgumentException(
                        "FastSr.setScale is required and must be at least 2, got " + scale);
            }
            BuilderChecks.positive("FastSr", "optChannels", channels);
            BuilderChecks.nonNegative("FastSr", "optResidualBlocks", residualBlocks);
            return new FastSr(this);
        }
    }
}
