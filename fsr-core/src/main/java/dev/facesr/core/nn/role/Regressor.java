package dev.facesr.core.nn.role;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.layer.LinearResidualBlock;
import dev.facesr.core.nn.layer.ResidualBlock;
import dev.facesr.core.nn.layer.ResidualGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * Maps an LR code to an HR code progressively: a chain of {@code stages} residual stages, each
 * refining the previous stage's output. For feature-map codes a stage is a {@link ResidualGroup}
 * ({@code blocksPerStage} residual blocks, a convolution and a long skip); for vector codes it is
 * {@code blocksPerStage} {@link LinearResidualBlock}s.
 *
 * <p>Input: one code, (N, channels, h, w) or (N, channels) for {@code code = "vector"}. Output:
 * an NDList with every stage's output in order, each the input's shape; the last one is the final
 * HR code, so a loss can be put on each stage.
 */
public final class Regressor extends FsrBlock implements RebuildableBlock {

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of(
                    "channels", "stages", "blocksPerStage", "code", "norm", "activation",
                    "leakySlope", "residualScale", "channelAttention");

    /** The kind of code a {@link Regressor} works on. */
    public enum CodeKind {
        /** Feature-map codes (N, C, h, w). */
        MAP,
        /** Vector codes (N, C). */
        VECTOR
    }

    private final Map<String, Object> arguments;
    private final int channels;
    private final CodeKind code;
    private final List<Block> stages;

    private Regressor(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.channels = b.channels;
        this.code = b.code;
        List<Block> parts = new ArrayList<>();
        for (int k = 0; k < b.stages; k++) {
            Block stage;
            if (b.code == CodeKind.MAP) {
                stage =
                        ResidualGroup.of(
                                b.blocksPerStage,
                                ResidualBlock.builder()
                                        .setChannels(b.channels)
                                        .optNorm(b.norm)
                                        .optActivation(b.activation)
                                        .optLeakySlope(b.leakySlope)
                                        .optResidualScale(b.residualScale)
                                        .optChannelAttention(b.channelAttention));
            } else {
                SequentialBlock seq = new SequentialBlock();
                for (int i = 0; i < b.blocksPerStage; i++) {
                    seq.add(new LinearResidualBlock(
                            b.channels, b.activation, b.leakySlope, b.residualScale));
                }
                stage = seq;
            }
            parts.add(addChildBlock("stage" + k, stage));
        }
        this.stages = Collections.unmodifiableList(parts);
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
     * Returns the number of stages, i.e. of outputs of the forward pass.
     *
     * @return the stage count
     */
    public int getStageCount() {
        return stages.size();
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        int rank = code == CodeKind.MAP ? 4 : 2;
        if (inputs.length != 1
                || inputs[0].dimension() != rank
                || inputs[0].get(1) != channels) {
            throw new IllegalArgumentException(
                    "Regressor(code=" + code.name().toLowerCase(Locale.ROOT) + ", channels="
                            + channels + ") expects one code of shape "
                            + (rank == 4 ? "(N, " + channels + ", h, w)" : "(N, " + channels + ")")
                            + ", got " + Arrays.toString(inputs));
        }
        Shape[] out = new Shape[stages.size()];
        Shape[] s = inputs;
        for (int k = 0; k < stages.size(); k++) {
            s = step.apply(stages.get(k), s);
            out[k] = s[0];
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList out = new NDList(stages.size());
        NDList x = inputs;
        for (Block stage : stages) {
            x = stage.forward(store, x, training, params);
            out.add(x.singletonOrThrow());
        }
        return out;
    }

    /** Builder for {@link Regressor}; also fillable from an argument map. */
    public static final class Builder {
        private int channels;
        private int stages;
        private int blocksPerStage = 2;
        private CodeKind code = CodeKind.MAP;
        private NormType norm = NormType.NONE;
        private ActivationType activation = ActivationType.RELU;
        private float leakySlope = 0.2f;
        private float residualScale = 1f;
        private int channelAttention;

        Builder() {}

        /**
         * Sets the channels (feature maps) or size (vectors) of the code (required).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of stages (required).
         *
         * @param stages at least 1
         * @return this builder
         */
        public Builder setStages(int stages) {
            this.stages = stages;
            return this;
        }

        /**
         * Sets the residual blocks per stage (default 2).
         *
         * @param blocksPerStage 0 or more for feature maps, at least 1 for vectors
         * @return this builder
         */
        public Builder optBlocksPerStage(int blocksPerStage) {
            this.blocksPerStage = blocksPerStage;
            return this;
        }

        /**
         * Sets the kind of code (default feature map).
         *
         * @param code the code kind
         * @return this builder
         */
        public Builder optCode(CodeKind code) {
            this.code = code;
            return this;
        }

        /**
         * Sets the normalisation in the residual blocks (default none; feature maps only).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation (default ReLU).
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
         * Sets the residual scaling of every block (default 1).
         *
         * @param residualScale in (0, 1]
         * @return this builder
         */
        public Builder optResidualScale(float residualScale) {
            this.residualScale = residualScale;
            return this;
        }

        /**
         * Turns on channel attention in the residual blocks (default 0 = off; feature maps only).
         *
         * @param reduction 0 or the squeeze ratio
         * @return this builder
         */
        public Builder optChannelAttention(int reduction) {
            this.channelAttention = reduction;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link Regressor#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys (listing the known ones) or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("Regressor", args, KEYS);
            if (a.has("channels")) {
                setChannels(a.getInt("channels"));
            }
            if (a.has("stages")) {
                setStages(a.getInt("stages"));
            }
            if (a.has("blocksPerStage")) {
                optBlocksPerStage(a.getInt("blocksPerStage"));
            }
            if (a.has("code")) {
                optCode(BlockArguments.parseEnum(CodeKind.class, a.getString("code"), "code"));
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
            if (a.has("residualScale")) {
                optResidualScale(a.getFloat("residualScale"));
            }
            if (a.has("channelAttention")) {
                optChannelAttention(a.getInt("channelAttention"));
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("channels", channels);
            m.put("stages", stages);
            m.put("blocksPerStage", blocksPerStage);
            m.put("code", code.name().toLowerCase(Locale.ROOT));
            m.put("norm", norm.argumentName());
            m.put("activation", activation.argumentName());
            m.put("leakySlope", leakySlope);
            m.put("residualScale", residualScale);
            m.put("channelAttention", channelAttention);
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the regressor.
         *
         * @return the regressor
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public Regressor build() {
            BuilderChecks.positive("Regressor", "setChannels", channels);
            BuilderChecks.positive("Regressor", "setStages", stages);
            BuilderChecks.notNull("Regressor", "optCode", code);
            if (code == CodeKind.VECTOR) {
                BuilderChecks.positive("Regressor", "optBlocksPerStage (vector codes)",
                        blocksPerStage);
                if (norm != NormType.NONE || channelAttention != 0) {
                    throw new IllegalArgumentException(
                            "Regressor with vector codes supports neither optNorm nor "
                                    + "optChannelAttention; leave them at none/0");
                }
            } else {
                BuilderChecks.nonNegative("Regressor", "optBlocksPerStage", blocksPerStage);
            }
            BuilderChecks.notNull("Regressor", "optNorm", norm);
            BuilderChecks.notNull("Regressor", "optActivation", activation);
            BuilderChecks.inRange("Regressor", "optLeakySlope", leakySlope, 0f, 1f);
            if (!(residualScale > 0f && residualScale <= 1f)) {
                throw new IllegalArgumentException(
                        "Regressor.optResidualScale must be in (0, 1], got " + residualScale);
            }
            BuilderChecks.nonNegative("Regressor", "optChannelAttention", channelAttention);
            return new Regressor(this);
        }
    }
}
