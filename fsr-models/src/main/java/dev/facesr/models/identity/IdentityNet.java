package dev.facesr.models.identity;

import ai.djl.ndarray.NDArray;
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
import dev.facesr.core.nn.layer.GlobalPoolingHead;
import dev.facesr.core.nn.role.Encoder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compact face-identity embedding network: an optional bilinear enlargement of the input (for
 * tiny low-resolution faces), an {@link Encoder} (3x3 head convolution, stride-2 downsamplings
 * with doubling channels, residual blocks) and an embedding layer, then L2 normalisation.
 *
 * <p>The embedding layer is either {@link Pooling#FLATTEN} (flatten the last feature map and a
 * linear layer, the Encoder's vector code; keeps where on the face a feature is, as the output
 * layers of face-recognition networks do) or {@link Pooling#AVERAGE} (global average pooling and
 * a linear layer, {@link GlobalPoolingHead}).
 *
 * <p>Input: (N, 3, S, S) RGB faces in [0, 1] with S = {@code inputSize} (mapped to [-1, 1]
 * inside). Output: (N, D) embeddings of unit L2 norm, D = {@code embeddingSize}; compare them
 * with the cosine (= the dot product). {@link #teacher()} is the 128x128 high-resolution preset
 * (FSRNet CelebA framing), {@link #student()} the 16x16 low-resolution preset.
 */
public final class IdentityNet extends FsrBlock implements RebuildableBlock {

    /** How the last feature map becomes the embedding. */
    public enum Pooling {
        /** Flatten the feature map and apply a linear layer (position-aware). */
        FLATTEN,
        /** Average over the positions and apply a linear layer. */
        AVERAGE
    }

    /** The architecture name of this block in the model zoo and its model cards. */
    public static final String ARCHITECTURE = "identity-net";

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-8f;
    private static final Set<String> KEYS =
            Set.of(
                    "inputSize", "inputUpscale", "channels", "downsamplings", "maxChannels",
                    "residualBlocks", "embeddingSize", "pooling", "norm", "activation");

    private final Map<String, Object> arguments;
    private final int inputSize;
    private final int inputUpscale;
    private final Encoder encoder;
    private final GlobalPoolingHead head;
    private final Builder settings;

    private IdentityNet(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.settings = b.copy();
        this.inputSize = b.inputSize;
        this.inputUpscale = b.inputUpscale;
        Encoder.Builder eb =
                Encoder.builder()
                        .setChannels(b.channels)
                        .optDownsamplings(b.downsamplings)
                        .optMaxChannels(b.maxChannels)
                        .optResidualBlocks(b.residualBlocks)
                        .optNorm(b.norm)
                        .optActivation(b.activation);
        if (b.pooling == Pooling.FLATTEN) {
            eb.optVectorSize(b.embeddingSize);
        }
        this.encoder = addChildBlock("encoder", eb.build());
        this.head =
                b.pooling == Pooling.AVERAGE
                        ? addChildBlock(
                                "head",
                                GlobalPoolingHead.builder().setOutputs(b.embeddingSize).build())
                        : null;
        useDefaultInitializers();
    }

    /**
     * Starts a builder (no defaults for the input size and channels).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The high-resolution teacher preset: 128x128 input, 16 channels doubling over 4
     * downsamplings up to 128 (8x8 last map), 2 residual blocks, batch norm, flatten to a
     * 128-D embedding.
     *
     * @return a builder holding the preset (change any setting before {@code build()})
     */
    public static Builder teacher() {
        return builder()
                .setInputSize(128)
                .setChannels(16)
                .optDownsamplings(4)
                .optMaxChannels(128)
                .optResidualBlocks(2)
                .optNorm(NormType.BATCH);
    }

    /**
     * The low-resolution student preset: 16x16 input enlarged to 32x32 inside, 32 channels
     * doubling over 2 downsamplings up to 128 (8x8 last map), 2 residual blocks, batch norm,
     * flatten to a 128-D embedding.
     *
     * @return a builder holding the preset (change any setting before {@code build()})
     */
    public static Builder student() {
        return builder()
                .setInputSize(16)
                .optInputUpscale(2)
                .setChannels(32)
                .optDownsamplings(2)
                .optMaxChannels(128)
                .optResidualBlocks(2)
                .optNorm(NormType.BATCH);
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Object> arguments() {
        return arguments;
    }

    /**
     * Returns the side of the square input faces.
     *
     * @return the input size in pixels
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Returns the embedding dimension.
     *
     * @return D
     */
    public int embeddingSize() {
        return settings.embeddingSize;
    }

    /**
     * Counts the multiply-accumulate operations of one forward pass of one face (convolutions
     * and linear layers; normalisation, activations and the enlargement are not counted).
     * Assumes 3x3 convolutions with "same" padding, as the {@link Encoder} uses.
     *
     * @return multiply-accumulates per face
     */
    public long multiplyAccumulates() {
        Builder b = settings;
        long side = (long) b.inputSize * b.inputUpscale;
        long macs = 3L * b.channels * 9 * side * side;
        long in = b.channels;
        for (int i = 1; i <= b.downsamplings; i++) {
            side = (side + 1) / 2;
            long out = b.stageChannels(i);
            macs += in * out * 9 * side * side;
            in = out;
        }
        macs += (long) b.residualBlocks * 2 * in * in * 9 * side * side;
        macs += b.pooling == Pooling.FLATTEN
                ? in * side * side * b.embeddingSize
                : in * b.embeddingSize;
        return macs;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("IdentityNet", inputs);
        if (in.get(1) != 3 || in.get(2) != inputSize || in.get(3) != inputSize) {
            throw new IllegalArgumentException(
                    "IdentityNet expects RGB faces of shape (N, 3, "
                            + inputSize
                            + ", "
                            + inputSize
                            + ") but got "
                            + in
                            + "; resize the faces to "
                            + inputSize
                            + "x"
                            + inputSize
                            + " (the network was built with setInputSize("
                            + inputSize
                            + "))");
        }
        long side = (long) inputSize * inputUpscale;
        Shape[] s = step.apply(encoder, new Shape[] {new Shape(in.get(0), 3, side, side)});
        if (head != null) {
            s = step.apply(head, s);
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
        NDArray x = inputs.singletonOrThrow().mul(2f).sub(1f);
        if (inputUpscale > 1) {
            long side = (long) inputSize * inputUpscale;
            x = Resize.resize(x, side, side, ResizeMode.BILINEAR);
        }
        NDList features = encoder.forward(store, new NDList(x), training, params);
        if (head != null) {
            features = head.forward(store, features, training, params);
        }
        return new NDList(l2Normalize(features.singletonOrThrow()));
    }

    /**
     * Scales each row of an (N, D) array to unit L2 norm (rows of norm below 1e-8 are divided by
     * 1e-8).
     *
     * @param x the rows
     * @return the normalised rows
     */
    public static NDArray l2Normalize(NDArray x) {
        NDArray norm = x.square().sum(new int[] {1}, true).sqrt().maximum(EPSILON);
        return x.div(norm);
    }

    /** Builder for {@link IdentityNet}; also fillable from an argument map. */
    public static final class Builder {
        private int inputSize;
        private int inputUpscale = 1;
        private int channels;
        private int downsamplings = 3;
        private int maxChannels = 128;
        private int residualBlocks = 2;
        private int embeddingSize = 128;
        private Pooling pooling = Pooling.FLATTEN;
        private NormType norm = NormType.BATCH;
        private ActivationType activation = ActivationType.LEAKY_RELU;

        Builder() {}

        Builder copy() {
            return new Builder().fromArguments(toArguments());
        }

        int stageChannels(int i) {
            return (int) Math.min((long) channels << i, maxChannels);
        }

        /**
         * Sets the side of the square input faces (required).
         *
         * @param inputSize at least 4
         * @return this builder
         */
        public Builder setInputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /**
         * Enlarges the input bilinearly by this factor before the encoder (default 1 = none).
         *
         * @param factor 1 to 8
         * @return this builder
         */
        public Builder optInputUpscale(int factor) {
            this.inputUpscale = factor;
            return this;
        }

        /**
         * Sets the channels of the first convolution (required); they double per downsampling.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of stride-2 downsamplings (default 3).
         *
         * @param downsamplings 0 or more
         * @return this builder
         */
        public Builder optDownsamplings(int downsamplings) {
            this.downsamplings = downsamplings;
            return this;
        }

        /**
         * Sets the cap of the doubling channels (default 128).
         *
         * @param maxChannels at least {@code channels}
         * @return this builder
         */
        public Builder optMaxChannels(int maxChannels) {
            this.maxChannels = maxChannels;
            return this;
        }

        /**
         * Sets the number of residual blocks at the lowest resolution (default 2).
         *
         * @param residualBlocks 0 or more
         * @return this builder
         */
        public Builder optResidualBlocks(int residualBlocks) {
            this.residualBlocks = residualBlocks;
            return this;
        }

        /**
         * Sets the embedding dimension D (default 128).
         *
         * @param embeddingSize at least 1
         * @return this builder
         */
        public Builder optEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * Sets how the last feature map becomes the embedding (default {@link Pooling#FLATTEN}).
         *
         * @param pooling the pooling
         * @return this builder
         */
        public Builder optPooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /**
         * Sets the normalisation of the downsamplings and residual blocks (default batch norm).
         *
         * @param norm the normalisation
         * @return this builder
         */
        public Builder optNorm(NormType norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation (default leaky ReLU, slope 0.2).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optActivation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link IdentityNet#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys (listing the known ones) or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("IdentityNet", args, KEYS);
            if (a.has("inputSize")) {
                setInputSize(a.getInt("inputSize"));
            }
            if (a.has("inputUpscale")) {
                optInputUpscale(a.getInt("inputUpscale"));
            }
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
            if (a.has("embeddingSize")) {
                optEmbeddingSize(a.getInt("embeddingSize"));
            }
            if (a.has("pooling")) {
                optPooling(BlockArguments.parseEnum(Pooling.class, a.getString("pooling"), "pooling"));
            }
            if (a.has("norm")) {
                optNorm(NormType.fromArgument(a.getString("norm")));
            }
            if (a.has("activation")) {
                optActivation(ActivationType.fromArgument(a.getString("activation")));
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("inputSize", inputSize);
            m.put("inputUpscale", inputUpscale);
            m.put("channels", channels);
            m.put("downsamplings", downsamplings);
            m.put("maxChannels", maxChannels);
            m.put("residualBlocks", residualBlocks);
            m.put("embeddingSize", embeddingSize);
            m.put("pooling", pooling == null ? null : pooling.name().toLowerCase(Locale.ROOT));
            m.put("norm", norm == null ? null : norm.argumentName());
            m.put("activation", activation == null ? null : activation.argumentName());
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public IdentityNet build() {
            if (inputSize < 4) {
                throw new IllegalArgumentException(
                        "IdentityNet.setInputSize must be at least 4 pixels (e.g. 128 for the"
                                + " teacher, 16 for the student) but was " + inputSize);
            }
            BuilderChecks.inRange("IdentityNet", "optInputUpscale", inputUpscale, 1, 8);
            BuilderChecks.positive("IdentityNet", "setChannels", channels);
            BuilderChecks.nonNegative("IdentityNet", "optDownsamplings", downsamplings);
            if (((long) inputSize * inputUpscale) >> downsamplings < 1) {
                throw new IllegalArgumentException(
                        "IdentityNet: " + downsamplings + " downsamplings shrink a "
                                + inputSize * inputUpscale + "-pixel input below 1 pixel; use"
                                + " fewer downsamplings or a larger optInputUpscale");
            }
            if (maxChannels < channels) {
                throw new IllegalArgumentException(
                        "IdentityNet.optMaxChannels (" + maxChannels + ") must be at least "
                                + "setChannels (" + channels + ")");
            }
            BuilderChecks.nonNegative("IdentityNet", "optResidualBlocks", residualBlocks);
            BuilderChecks.positive("IdentityNet", "optEmbeddingSize", embeddingSize);
            BuilderChecks.notNull("IdentityNet", "optPooling", pooling);
            BuilderChecks.notNull("IdentityNet", "optNorm", norm);
            BuilderChecks.notNull("IdentityNet", "optActivation", activation);
            return new IdentityNet(this);
        }
    }
}
