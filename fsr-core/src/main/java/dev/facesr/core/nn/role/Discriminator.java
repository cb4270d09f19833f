package dev.facesr.core.nn.role;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
import dev.facesr.core.nn.layer.GlobalPoolingHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores images as real or generated (raw logits, no sigmoid). A 3x3 head convolution to {@code
 * channels} (no norm), then {@code downsamplings} stride-2 convolutions with {@code norm}
 * (channels doubling up to {@code maxChannels}), all with the activation (leaky ReLU 0.2 by
 * default), then:
 *
 * <ul>
 *   <li>{@link Kind#PATCH} (PatchGAN): a 3x3 convolution to one channel; output (N, 1,
 *       ceil(H / 2^d), ceil(W / 2^d)), one score per patch;
 *   <li>{@link Kind#GLOBAL}: a {@link GlobalPoolingHead} with {@code hidden} layers; output (N,
 *       1).
 * </ul>
 *
 * <p>Input: NDList(image) with the image (N, C, H, W) in [0, 1]. When conditioned ({@code
 * condition} = "nearest" or "bilinear"), the input is NDList(hrOrSr, lr): the LR image (N, Clr,
 * h, w) is resized to H x W with that mode and concatenated on channels, so the first convolution
 * sees C + Clr channels.
 */
public final class Discriminator extends FsrBlock implements RebuildableBlock {

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of(
                    "kind", "channels", "downsamplings", "maxChannels", "norm", "activation",
                    "leakySlope", "hidden", "condition");

    /** The output layout of a {@link Discriminator}. */
    public enum Kind {
        /** One score per patch, (N, 1, h, w). */
        PATCH,
        /** One score per image, (N, 1). */
        GLOBAL
    }

    private final Map<String, Object> arguments;
    private final ResizeMode condition;
    private final List<Block> chain;

    private Discriminator(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.condition = b.condition;
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
                                    .setChannels((int) Math.min((long) b.channels << i,
                                            b.maxChannels))
                                    .optStride(2)
                                    .optNorm(b.norm)
                                    .optActivation(b.activation)
                                    .optLeakySlope(b.leakySlope)
                                    .build()));
        }
        if (b.kind == Kind.PATCH) {
            parts.add(addChildBlock("score", ConvBlock.builder().setChannels(1).build()));
        } else {
            parts.add(
                    addChildBlock(
                            "score",
                            GlobalPoolingHead.builder()
                                    .setOutputs(1)
                                    .optHidden(b.hidden)
                                    .optActivation(b.activation)
                                    .optLeakySlope(b.leakySlope)
                                    .build()));
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

    /** {@inheritDoc} */
    @Override
    public Map<String, Object> arguments() {
        return arguments;
    }

    /**
     * Tells whether the forward pass expects NDList(image, lr).
     *
     * @return true when conditioned on the LR image
     */
    public boolean isConditioned() {
        return condition != null;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape image;
        if (condition == null) {
            if (inputs.length != 1) {
                throw new IllegalArgumentException(
                        "This Discriminator is not conditioned and takes NDList(image), got "
                                + inputs.length + " inputs; build it with optCondition(...) to "
                                + "pass the LR image too");
            }
            image = singleImageShape("Discriminator", inputs);
        } else {
            if (inputs.length != 2) {
                throw new IllegalArgumentException(
                        "This Discriminator is conditioned on the LR image and takes "
                                + "NDList(hrOrSr, lr), got " + inputs.length + " inputs");
            }
            requireNchw("Discriminator (image)", inputs[0]);
            requireNchw("Discriminator (lr)", inputs[1]);
            if (inputs[0].get(0) != inputs[1].get(0)) {
                throw new IllegalArgumentException(
                        "Discriminator image and LR batches differ: " + Arrays.toString(inputs));
            }
            image =
                    new Shape(
                            inputs[0].get(0), inputs[0].get(1) + inputs[1].get(1),
                            inputs[0].get(2), inputs[0].get(3));
        }
        return walkChain(chain, new Shape[] {image}, step);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        if (condition != null) {
            if (inputs.size() != 2) {
                throw new IllegalArgumentException(
                        "This Discriminator is conditioned on the LR image and takes "
                                + "NDList(hrOrSr, lr), got " + inputs.size() + " inputs");
            }
            NDArray image = inputs.get(0);
            Shape s = image.getShape();
            NDArray lr = Resize.resize(inputs.get(1), s.get(2), s.get(3), condition);
            x = new NDList(NDArrays.concat(new NDList(image, lr), 1));
        }
        return forwardChain(chain, store, x, training, params);
    }

    /** Builder for {@link Discriminator}; also fillable from an argument map. */
    public static final class Builder {
        private Kind kind = Kind.PATCH;
        private int channels = 64;
        private int downsamplings = 3;
        private int maxChannels = 512;
        private NormType norm = NormType.BATCH;
        private ActivationType activation = ActivationType.LEAKY_RELU;
        private float leakySlope = 0.2f;
        private List<Integer> hidden = List.of();
        private ResizeMode condition;

        Builder() {}

        /**
         * Sets patch or global scoring (default patch).
         *
         * @param kind the kind
         * @return this builder
         */
        public Builder optKind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * Sets the channels of the head convolution (default 64); they double per downsampling.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of stride-2 convolutions (default 3).
         *
         * @param downsamplings 0 or more
         * @return this builder
         */
        public Builder optDownsamplings(int downsamplings) {
            this.downsamplings = downsamplings;
            return this;
        }

        /**
         * Sets the channel cap (default 512).
         *
         * @param maxChannels at least {@code channels}
         * @return this builder
         */
        public Builder optMaxChannels(int maxChannels) {
            this.maxChannels = maxChannels;
            return this;
        }

        /**
         * Sets the normalisation of the stride-2 convolutions (default batch).
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
         * Sets the hidden widths of the global head (default none; SRGAN uses [1024]).
         *
         * @param hidden each at least 1; only for the global kind
         * @return this builder
         */
        public Builder optHidden(List<Integer> hidden) {
            this.hidden = hidden == null ? null : List.copyOf(hidden);
            return this;
        }

        /**
         * Conditions the discriminator on the LR image, resized to the image grid with this mode
         * (default null = not conditioned).
         *
         * @param condition nearest or bilinear, or null for no conditioning
         * @return this builder
         */
        public Builder optCondition(ResizeMode condition) {
            this.condition = condition;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link
         * Discriminator#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults; {@code condition} is
         *     "none", "nearest" or "bilinear"
         * @return this builder
         * @throws IllegalArgumentException on unknown keys (listing the known ones) or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("Discriminator", args, KEYS);
            if (a.has("kind")) {
                optKind(BlockArguments.parseEnum(Kind.class, a.getString("kind"), "kind"));
            }
            if (a.has("channels")) {
                optChannels(a.getInt("channels"));
            }
            if (a.has("downsamplings")) {
                optDownsamplings(a.getInt("downsamplings"));
            }
            if (a.has("maxChannels")) {
                optMaxChannels(a.getInt("maxChannels"));
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
            if (a.has("hidden")) {
                optHidden(a.getIntList("hidden"));
            }
            if (a.has("condition")) {
                String c = a.getString("condition");
                optCondition("none".equalsIgnoreCase(c) ? null : ResizeMode.fromArgument(c));
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind.name().toLowerCase(Locale.ROOT));
            m.put("channels", channels);
            m.put("downsamplings", downsamplings);
            m.put("maxChannels", maxChannels);
            m.put("norm", norm.argumentName());
            m.put("activation", activation.argumentName());
            m.put("leakySlope", leakySlope);
            m.put("hidden", hidden);
            m.put("condition", condition == null ? "none" : condition.argumentName());
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the discriminator.
         *
         * @return the discriminator
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public Discriminator build() {
            BuilderChecks.notNull("Discriminator", "optKind", kind);
            BuilderChecks.positive("Discriminator", "optChannels", channels);
            BuilderChecks.nonNegative("Discriminator", "optDownsamplings", downsamplings);
            if (maxChannels < channels) {
                throw new IllegalArgumentException(
                        "Discriminator.optMaxChannels (" + maxChannels + ") must be at least "
                                + "optChannels (" + channels + ")");
            }
            BuilderChecks.notNull("Discriminator", "optNorm", norm);
            BuilderChecks.notNull("Discriminator", "optActivation", activation);
            BuilderChecks.inRange("Discriminator", "optLeakySlope", leakySlope, 0f, 1f);
            BuilderChecks.notNull("Discriminator", "optHidden", hidden);
            if (kind == Kind.PATCH && !hidden.isEmpty()) {
                throw new IllegalArgumentException(
                        "Discriminator.optHidden only applies to the global kind; remove it or "
                                + "use optKind(Kind.GLOBAL)");
            }
            for (int h : hidden) {
                BuilderChecks.positive("Discriminator", "optHidden (each width)", h);
            }
            return new Discriminator(this);
        }
    }
}
