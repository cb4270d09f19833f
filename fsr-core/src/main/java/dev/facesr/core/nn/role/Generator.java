package dev.facesr.core.nn.role;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.Resize;
import dev.facesr.core.nn.ResizeMode;
import dev.facesr.core.nn.layer.ConvBlock;
import dev.facesr.core.nn.layer.PixelShuffleUpsampler;
import dev.facesr.core.nn.layer.ResidualBlock;
import dev.facesr.core.nn.layer.ResidualGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps an LR image to an HR image. The body is SRResNet-shaped: a head convolution to {@code
 * channels} with the activation, a {@link ResidualGroup} of {@code residualBlocks} residual blocks
 * (long skip from the head), then:
 *
 * <ul>
 *   <li>{@link Mode#UPSCALE}: a {@link PixelShuffleUpsampler} by the integer {@code scale} and a
 *       tail convolution to {@code outputChannels}. Input (N, C, h, w), output (N,
 *       outputChannels, h * scale, w * scale). With {@code globalResidual} the input, resized to
 *       the output grid with {@code residualResize}, is added to the output.
 *   <li>{@link Mode#REFINE}: no upsampler, for inputs already resized to the HR grid (any
 *       scale): input and output are (N, C, H, W). With {@code globalResidual} (the default here)
 *       the block learns a correction added to its input.
 * </ul>
 *
 * <p>Images are in [0, 1]; the output is not clamped unless {@code outputActivation} says so.
 * Defaults follow SRResNet: 64 channels, 16 blocks, 9x9 head and tail, batch norm, PReLU.
 */
public final class Generator extends FsrBlock implements RebuildableBlock {

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of(
                    "mode", "scale", "channels", "residualBlocks", "headKernel", "tailKernel",
                    "norm", "activation", "upsampleActivation", "leakySlope", "residualScale",
                    "channelAttention", "outputChannels", "outputActivation", "globalResidual",
                    "residualResize", "upsampleChannels");

    /** Whether the generator upscales or refines an image already on the output grid. */
    public enum Mode {
        /** LR in, HR out, by an integer scale with pixel shuffle. */
        UPSCALE,
        /** Same size in and out; the input was resized to the HR grid beforehand. */
        REFINE
    }

    private final Map<String, Object> arguments;
    private final Mode mode;
    private final int scale;
    private final int outputChannels;
    private final boolean globalResidual;
    private final ResizeMode residualResize;
    private final ConvBlock head;
    private final ResidualGroup body;
    private final PixelShuffleUpsampler upsampler;
    private final ConvBlock tail;

    private Generator(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.mode = b.mode;
        this.scale = b.scale;
        this.outputChannels = b.outputChannels;
        this.globalResidual = b.resolvedGlobalResidual();
        this.residualResize = b.residualResize;
        head =
                addChildBlock(
                        "head",
                        ConvBlock.builder()
                                .setChannels(b.channels)
                                .optKernelSize(b.headKernel)
                                .optActivation(b.activation)
                                .optLeakySlope(b.leakySlope)
                                .build());
        body =
                addChildBlock(
                        "body",
                        ResidualGroup.of(
                                b.residualBlocks,
                                ResidualBlock.builder()
                                        .setChannels(b.channels)
                                        .optNorm(b.norm)
                                        .optActivation(b.activation)
                                        .optLeakySlope(b.leakySlope)
                                        .optResidualScale(b.residualScale)
                                        .optChannelAttention(b.channelAttention)));
        upsampler =
                b.mode == Mode.UPSCALE
                        ? addChildBlock(
                                "upsampler",
                                PixelShuffleUpsampler.builder()
                                        .setFactor(b.scale)
                                        .setChannels(b.upsampleChannels == null
                                                ? b.channels
                                                : b.upsampleChannels.get(b.upsampleChannels.size() - 1))
                                        .optStageChannels(b.upsampleChannels)
                                        .optActivation(b.upsampleActivation)
                                        .optLeakySlope(b.leakySlope)
                                        .build())
                        : null;
        tail =
                addChildBlock(
                        "tail",
                        ConvBlock.builder()
                                .setChannels(b.outputChannels)
                                .optKernelSize(b.tailKernel)
                                .optActivation(b.outputActivation)
                                .build());
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
     * Returns the mode.
     *
     * @return upscale or refine
     */
    public Mode getMode() {
        return mode;
    }

    /**
     * Returns the output-to-input size ratio.
     *
     * @return the scale; 1 in refine mode
     */
    public int getScale() {
        return scale;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("Generator", inputs);
        if (globalResidual && in.get(1) != outputChannels) {
            throw new IllegalArgumentException(
                    "Generator with globalResidual adds its input to its output, so the input "
                            + "needs " + outputChannels + " channels, got shape " + in
                            + "; set optOutputChannels to the input channels or "
                            + "optGlobalResidual(false)");
        }
        Shape[] s = step.apply(head, inputs);
        s = step.apply(body, s);
        if (upsampler != null) {
            s = step.apply(upsampler, s);
        }
        return step.apply(tail, s);
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
        if (upsampler != null) {
            x = upsampler.forward(store, x, training, params);
        }
        NDArray out = tail.forward(store, x, training, params).singletonOrThrow();
        if (globalResidual) {
            NDArray in = inputs.singletonOrThrow();
            Shape s = out.getShape();
            out = out.add(Resize.resize(in, s.get(2), s.get(3), residualResize));
        }
        return new NDList(out);
    }

    /** Builder for {@link Generator}; also fillable from an argument map. */
    public static final class Builder {
        private Mode mode;
        private int scale;
        private int channels = 64;
        private int residualBlocks = 16;
        private int headKernel = 9;
        private int tailKernel = 9;
        private NormType norm = NormType.BATCH;
        private ActivationType activation = ActivationType.PRELU;
        private ActivationType upsampleActivation = ActivationType.PRELU;
        private float leakySlope = 0.2f;
        private float residualScale = 1f;
        private int channelAttention;
        private int outputChannels = 3;
        private ActivationType outputActivation = ActivationType.NONE;
        private Boolean globalResidual;
        private ResizeMode residualResize = ResizeMode.BILINEAR;
        private List<Integer> upsampleChannels;

        Builder() {}

        /**
         * Tapers the upsampler: the channels after each of its stages (e.g. [64, 32, 16] for
         * scale 8, whose upsampler has three x2 stages). Narrow late stages make high-resolution
         * work cheap. Default: {@code channels} after every stage. Upscale mode only.
         *
         * @param upsampleChannels one positive entry per upsampling stage
         * @return this builder
         */
        public Builder optUpsampleChannels(List<Integer> upsampleChannels) {
            this.upsampleChannels = upsampleChannels == null ? null : List.copyOf(upsampleChannels);
            return this;
        }

        boolean resolvedGlobalResidual() {
            return globalResidual != null ? globalResidual : mode == Mode.REFINE;
        }

        /**
         * Selects {@link Mode#UPSCALE} by an integer scale (this or {@link #setRefine()} is
         * required).
         *
         * @param scale at least 2 (2, 3, 4, 8, ...)
         * @return this builder
         */
        public Builder setScale(int scale) {
            this.mode = Mode.UPSCALE;
            this.scale = scale;
            return this;
        }

        /**
         * Selects {@link Mode#REFINE}: same size in and out (this or {@link #setScale(int)} is
         * required).
         *
         * @return this builder
         */
        public Builder setRefine() {
            this.mode = Mode.REFINE;
            this.scale = 1;
            return this;
        }

        /**
         * Sets the feature channels (default 64).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of residual blocks (default 16).
         *
         * @param residualBlocks 0 or more
         * @return this builder
         */
        public Builder optResidualBlocks(int residualBlocks) {
            this.residualBlocks = residualBlocks;
            return this;
        }

        /**
         * Sets the odd kernel size of the head convolution (default 9).
         *
         * @param kernel 1, 3, 5, ...
         * @return this builder
         */
        public Builder optHeadKernel(int kernel) {
            this.headKernel = kernel;
            return this;
        }

        /**
         * Sets the odd kernel size of the tail convolution (default 9).
         *
         * @param kernel 1, 3, 5, ...
         * @return this builder
         */
        public Builder optTailKernel(int kernel) {
            this.tailKernel = kernel;
            return this;
        }

        /**
         * Sets the normalisation in the residual blocks (default batch).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation of head and residual blocks (default PReLU).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optActivation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets the activation after each pixel shuffle (default PReLU).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optUpsampleActivation(ActivationType activation) {
            this.upsampleActivation = activation;
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
         * Sets the residual scaling of the residual blocks (default 1).
         *
         * @param residualScale in (0, 1]
         * @return this builder
         */
        public Builder optResidualScale(float residualScale) {
            this.residualScale = residualScale;
            return this;
        }

        /**
         * Turns on channel attention in the residual blocks (default 0 = off).
         *
         * @param reduction 0 or the squeeze ratio
         * @return this builder
         */
        public Builder optChannelAttention(int reduction) {
            this.channelAttention = reduction;
            return this;
        }

        /**
         * Sets the output channels (default 3).
         *
         * @param outputChannels at least 1
         * @return this builder
         */
        public Builder optOutputChannels(int outputChannels) {
            this.outputChannels = outputChannels;
            return this;
        }

        /**
         * Sets the activation of the tail convolution (default none); with a global residual
         * it applies before the input is added.
         *
         * @param outputActivation the activation
         * @return this builder
         */
        public Builder optOutputActivation(ActivationType outputActivation) {
            this.outputActivation = outputActivation;
            return this;
        }

        /**
         * Adds the (resized) input to the output (default: true for refine, false for upscale).
         *
         * @param globalResidual whether to add the input
         * @return this builder
         */
        public Builder optGlobalResidual(boolean globalResidual) {
            this.globalResidual = globalResidual;
            return this;
        }

        /**
         * Sets how the input is resized for the global residual in upscale mode (default
         * bilinear).
         *
         * @param residualResize the resize mode
         * @return this builder
         */
        public Builder optResidualResize(ResizeMode residualResize) {
            this.residualResize = residualResize;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link Generator#arguments()}.
         *
         * @param args the arguments; {@code mode} ("upscale" with {@code scale}, or "refine") is
         *     required unless set before; other missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys (listing the known ones) or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("Generator", args, KEYS);
            if (a.has("mode")) {
                Mode m = BlockArguments.parseEnum(Mode.class, a.getString("mode"), "mode");
                if (m == Mode.REFINE) {
                    setRefine();
                    if (a.has("scale") && a.getInt("scale") != 1) {
                        throw new IllegalArgumentException(
                                "Generator argument 'scale' must be 1 (or absent) with mode "
                                        + "'refine', got " + a.getInt("scale"));
                    }
                } else {
                    if (!a.has("scale")) {
                        throw new IllegalArgumentException(
                                "Generator mode 'upscale' needs the argument 'scale'");
                    }
                    setScale(a.getInt("scale"));
                }
            } else if (a.has("scale")) {
                setScale(a.getInt("scale"));
            }
            if (a.has("channels")) {
                optChannels(a.getInt("channels"));
            }
            if (a.has("residualBlocks")) {
                optResidualBlocks(a.getInt("residualBlocks"));
            }
            if (a.has("headKernel")) {
                optHeadKernel(a.getInt("headKernel"));
            }
            if (a.has("tailKernel")) {
                optTailKernel(a.getInt("tailKernel"));
            }
            if (a.has("norm")) {
                optNorm(NormType.fromArgument(a.getString("norm")));
            }
            if (a.has("activation")) {
                optActivation(ActivationType.fromArgument(a.getString("activation")));
            }
            if (a.has("upsampleActivation")) {
                optUpsampleActivation(
                        ActivationType.fromArgument(a.getString("upsampleActivation")));
            }
            if (a.has("leakySlope")) {
                optLeakySlope(a.getFloat("leakySlope"));
            }
            if (a.has("residualScale")) {
                optResidualScale(a.getFloat("residualScale"));
            }
            if (a.has("channelAttention")) {
                optChannelAttention(a.getInt("channelAttention"));
            }
            if (a.has("outputChannels")) {
                optOutputChannels(a.getInt("outputChannels"));
            }
            if (a.has("outputActivation")) {
                optOutputActivation(ActivationType.fromArgument(a.getString("outputActivation")));
            }
            if (a.has("globalResidual")) {
                optGlobalResidual(a.getBoolean("globalResidual"));
            }
            if (a.has("residualResize")) {
                optResidualResize(ResizeMode.fromArgument(a.getString("residualResize")));
            }
            if (a.has("upsampleChannels")) {
                Object v = args.get("upsampleChannels");
                if (v == null) {
                    optUpsampleChannels(null);
                } else if (v instanceof List<?> list) {
                    List<Integer> ints = new java.util.ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                            throw new IllegalArgumentException(
                                    "Generator argument 'upsampleChannels' must be a list of whole numbers, got " + v);
                        }
                        ints.add(n.intValue());
                    }
                    optUpsampleChannels(ints);
                } else {
                    throw new IllegalArgumentException(
                            "Generator argument 'upsampleChannels' must be a list of whole numbers, got " + v);
                }
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode.name().toLowerCase(Locale.ROOT));
            m.put("scale", scale);
            m.put("channels", channels);
            m.put("residualBlocks", residualBlocks);
            m.put("headKernel", headKernel);
            m.put("tailKernel", tailKernel);
            m.put("norm", norm.argumentName());
            m.put("activation", activation.argumentName());
            m.put("upsampleActivation", upsampleActivation.argumentName());
            m.put("leakySlope", leakySlope);
            m.put("residualScale", residualScale);
            m.put("channelAttention", channelAttention);
            m.put("outputChannels", outputChannels);
            m.put("outputActivation", outputActivation.argumentName());
            m.put("globalResidual", resolvedGlobalResidual());
            m.put("residualResize", residualResize.argumentName());
            if (upsampleChannels != null) {
                m.put("upsampleChannels", upsampleChannels);
            }
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the generator.
         *
         * @return the generator
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public Generator build() {
            if (mode == null) {
                throw new IllegalArgumentException(
                        "Generator needs a mode: call setScale(n) with n >= 2 to upscale, or "
                                + "setRefine() for same-size refinement of an input already "
                                + "resized to the output grid");
            }
            if (mode == Mode.UPSCALE && scale < 2) {
                throw new IllegalArgumentException(
                        "Generator.setScale must be an integer >= 2, got " + scale
                                + "; for same-size refinement use setRefine()");
            }
            if (upsampleChannels != null && mode == Mode.REFINE) {
                throw new IllegalArgumentException(
                        "Generator.optUpsampleChannels applies to upscale mode only; refine mode "
                                + "has no upsampler: remove it or use setScale(n)");
            }
            BuilderChecks.positive("Generator", "optChannels", channels);
            BuilderChecks.nonNegative("Generator", "optResidualBlocks", residualBlocks);
            BuilderChecks.oddKernel("Generator", "optHeadKernel", headKernel);
            BuilderChecks.oddKernel("Generator", "optTailKernel", tailKernel);
            BuilderChecks.notNull("Generator", "optNorm", norm);
            BuilderChecks.notNull("Generator", "optActivation", activation);
            BuilderChecks.notNull("Generator", "optUpsampleActivation", upsampleActivation);
            BuilderChecks.inRange("Generator", "optLeakySlope", leakySlope, 0f, 1f);
            if (!(residualScale > 0f && residualScale <= 1f)) {
                throw new IllegalArgumentException(
                        "Generator.optResidualScale must be in (0, 1], got " + residualScale);
            }
            BuilderChecks.nonNegative("Generator", "optChannelAttention", channelAttention);
            BuilderChecks.positive("Generator", "optOutputChannels", outputChannels);
            BuilderChecks.notNull("Generator", "optOutputActivation", outputActivation);
            BuilderChecks.notNull("Generator", "optResidualResize", residualResize);
            return new Generator(this);
        }
    }
}
