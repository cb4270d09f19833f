package dev.facesr.models.crossdomain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Discriminator;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Regressor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cross-domain face super-resolution: one {@link Encoder} shared by HR faces and by LR faces
 * resized to the HR grid (with MATLAB bicubic, outside the network), a progressive residual
 * {@link Regressor} that maps the LR code to the HR code, and a {@link Decoder} back to a face.
 * Because the LR face is resized first, one model serves any scale onto its grid (4x, 6.4x, 8x).
 *
 * <p>Inference ({@code forward}): input (N, 3, H, W) upsampled faces in [0, 1] (H and W divisible
 * by 2^downsamplings; the shipped models use 128 x 128), output the SR face of the same shape:
 * {@code decoder(regressor(encoder(x)).last)}, plus {@code x} when {@code globalResidual} is on.
 *
 * <p>Training uses the parts directly ({@link #getEncoder()}, {@link #getRegressor()}, {@link
 * #getDecoder()}): autoencoding of HR and LR faces ({@code decoder(encoder(x))}), the regressor
 * with the encoder frozen (a loss on every stage against {@code encoder(hr)}), a GAN stage with
 * {@link #discriminatorBuilder()}, and end-to-end with {@link #forwardWithStages}. The parts are
 * children of this block, so saving this block saves all three.
 *
 * <p>The default design is cheap enough for a 2-core CPU: 16 channels at full resolution, two
 * stride-2 downsamplings to a (64, H/4, W/4) code, and most compute (2 encoder blocks, 3 x 2
 * regressor blocks, 2 decoder blocks) at the code resolution. Parameter count and
 * multiply-accumulates are measured in {@code CrossDomainSrTest} and listed in docs/models.md.
 */
public final class CrossDomainSr extends FsrBlock implements RebuildableBlock {

    /** The architecture name stored in model cards. */
    public static final String ARCHITECTURE = "crossdomain";

    private static final byte VERSION = 1;
    private static final Set<String> KEYS =
            Set.of("encoder", "regressor", "decoder", "globalResidual");

    private final Map<String, Object> arguments;
    private final Encoder encoder;
    private final Regressor regressor;
    private final Decoder decoder;
    private final boolean globalResidual;
    private final int downsamplings;

    private CrossDomainSr(Builder b) {
        super(VERSION);
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("encoder", b.encoder.arguments());
        m.put("regressor", b.regressor.arguments());
        m.put("decoder", b.decoder.arguments());
        m.put("globalResidual", b.globalResidual);
        this.arguments = BlockArguments.freeze(m);
        this.encoder = addChildBlock("encoder", b.encoder);
        this.regressor = addChildBlock("regressor", b.regressor);
        this.decoder = addChildBlock("decoder", b.decoder);
        this.globalResidual = b.globalResidual;
        this.downsamplings = intArg(b.encoder.arguments(), "downsamplings");
        useDefaultInitializers();
    }

    /**
     * Starts a builder preset with the cheap default design.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default encoder of the cross-domain model: 16 channels at full resolution, two stride-2
     * downsamplings (16 -> 32 -> 64 channels), two residual blocks on the (64, H/4, W/4) code.
     *
     * @return a preset encoder builder (change it before {@code build()} if needed)
     */
    public static Encoder.Builder defaultEncoder() {
        return Encoder.builder()
                .setChannels(16)
                .optDownsamplings(2)
                .optMaxChannels(64)
                .optResidualBlocks(2);
    }

    /**
     * The default regressor: three stages of two residual blocks each on 64-channel codes.
     *
     * @return a preset regressor builder
     */
    public static Regressor.Builder defaultRegressor() {
        return Regressor.builder().setChannels(64).setStages(3).optBlocksPerStage(2);
    }

    /**
     * The default decoder, mirroring {@link #defaultEncoder()}: two residual blocks on the code,
     * two x2 pixel-shuffle stages (64 -> 32 -> 16 channels), a 3x3 convolution to RGB.
     *
     * @return a preset decoder builder
     */
    public static Decoder.Builder defaultDecoder() {
        return Decoder.builder()
                .setChannels(16)
                .optUpsamplings(2)
                .optMaxChannels(64)
                .optResidualBlocks(2);
    }

    /**
     * The discriminator for the GAN stage: a PatchGAN with 32 channels, three stride-2
     * downsamplings (up to 128 channels) and batch norm; input NDList(face) at the HR grid,
     * output (N, 1, H/8, W/8) logits.
     *
     * @return a preset discriminator builder
     */
    public static Discriminator.Builder discriminatorBuilder() {
        return Discriminator.builder()
                .optChannels(32)
                .optDownsamplings(3)
                .optMaxChannels(128)
                .optNorm(NormType.BATCH);
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Object> arguments() {
        return arguments;
    }

    /**
     * Returns the shared encoder (faces at the HR grid to codes).
     *
     * @return the encoder child of this block
     */
    public Encoder getEncoder() {
        return encoder;
    }

    /**
     * Returns the regressor (LR code to HR code, every stage).
     *
     * @return the regressor child of this block
     */
    public Regressor getRegressor() {
        return regressor;
    }

    /**
     * Returns the decoder (codes to faces).
     *
     * @return the decoder child of this block
     */
    public Decoder getDecoder() {
        return decoder;
    }

    /**
     * Tells whether the input is added to the decoder's output.
     *
     * @return true with a global residual over the bicubic input
     */
    public boolean isGlobalResidual() {
        return globalResidual;
    }

    /**
     * Runs the whole model and returns every intermediate result, for end-to-end training with a
     * loss on every regressor stage.
     *
     * @param store the parameter store
     * @param upsampled the LR faces resized to the HR grid, (N, 3, H, W) in [0, 1]
     * @param training whether this is a training pass
     * @return NDList of: index 0 the LR code, indices 1..S the S regressor stages (the last one is
     *     the estimated HR code), index S + 1 the SR face (N, 3, H, W)
     */
    public NDList forwardWithStages(ParameterStore store, NDArray upsampled, boolean training) {
        NDList code = encoder.forward(store, new NDList(upsampled), training);
        NDList stages = regressor.forward(store, code, training);
        NDArray sr = decode(store, stages.get(stages.size() - 1), upsampled, training);
        NDList out = new NDList(stages.size() + 2);
        out.add(code.singletonOrThrow());
        out.addAll(stages);
        out.add(sr);
        return out;
    }

    private NDArray decode(
            ParameterStore store, NDArray code, NDArray upsampled, boolean training) {
        NDArray face = decoder.forward(store, new NDList(code), training).singletonOrThrow();
        return globalResidual ? face.add(upsampled) : face;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("CrossDomainSr", inputs);
        long unit = 1L << downsamplings;
        if (in.get(1) != 3 || in.get(2) % unit != 0 || in.get(3) % unit != 0) {
            throw new IllegalArgumentException(
                    "CrossDomainSr expects (N, 3, H, W) faces already resized to the HR grid, with"
                            + " H and W divisible by " + unit + ", got shape " + in
                            + "; resize the LR face with MatlabResize first");
        }
        Shape[] code = step.apply(encoder, inputs);
        Shape[] stages = step.apply(regressor, code);
        Shape[] out = step.apply(decoder, new Shape[] {stages[stages.length - 1]});
        if (!out[0].equals(in)) {
            throw new IllegalArgumentException(
                    "CrossDomainSr: the decoder returns " + out[0] + " for input " + in
                            + "; give the decoder as many upsamplings as the encoder has"
                            + " downsamplings and 3 output channels");
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
        NDArray x = inputs.singletonOrThrow();
        NDList code = encoder.forward(store, inputs, training, params);
        NDList stages = regressor.forward(store, code, training, params);
        return new NDList(decode(store, stages.get(stages.size() - 1), x, training));
    }

    private static int intArg(Map<String, Object> args, String key) {
        return ((Number) args.get(key)).intValue();
    }

    /** Builder for {@link CrossDomainSr}; also fillable from an argument map. */
    public static final class Builder {
        private Encoder encoder;
        private Regressor regressor;
        private Decoder decoder;
        private boolean globalResidual = true;

        Builder() {}

        /**
         * Sets the encoder (default {@link #defaultEncoder()}).
         *
         * @param encoder a feature-map encoder
         * @return this builder
         */
        public Builder optEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /**
         * Sets the regressor (default {@link #defaultRegressor()}).
         *
         * @param regressor a feature-map regressor with the encoder's code channels
         * @return this builder
         */
        public Builder optRegressor(Regressor regressor) {
            this.regressor = regressor;
            return this;
        }

        /**
         * Sets the decoder (default {@link #defaultDecoder()}).
         *
         * @param decoder a decoder with as many upsamplings as the encoder's downsamplings
         * @return this builder
         */
        public Builder optDecoder(Decoder decoder) {
            this.decoder = decoder;
            return this;
        }

        /**
         * Adds the (bicubic-upsampled) input to the decoder's output (default true).
         *
         * @param globalResidual whether to learn a correction of the input
         * @return this builder
         */
        public Builder optGlobalResidual(boolean globalResidual) {
            this.globalResidual = globalResidual;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link CrossDomainSr#arguments()}.
         *
         * @param args the arguments; missing parts keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("CrossDomainSr", args, KEYS);
            if (a.has("encoder")) {
                optEncoder(Encoder.builder().fromArguments(part(args, "encoder")).build());
            }
            if (a.has("regressor")) {
                optRegressor(Regressor.builder().fromArguments(part(args, "regressor")).build());
            }
            if (a.has("decoder")) {
                optDecoder(Decoder.builder().fromArguments(part(args, "decoder")).build());
            }
            if (a.has("globalResidual")) {
                optGlobalResidual(a.getBoolean("globalResidual"));
            }
            return this;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, ?> part(Map<String, ?> args, String key) {
            Object v = args.get(key);
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException(
                        "CrossDomainSr argument '" + key + "' must be a map of " + key
                                + " arguments, got " + v);
            }
            return (Map<String, ?>) v;
        }

        /**
         * Builds the model.
         *
         * @return the model
         * @throws IllegalArgumentException when the parts do not fit together
         */
        public CrossDomainSr build() {
            if (encoder == null) {
                encoder = defaultEncoder().build();
            }
            if (regressor == null) {
                regressor = defaultRegressor().build();
            }
            if (decoder == null) {
                decoder = defaultDecoder().build();
            }
            Map<String, Object> e = encoder.arguments();
            Map<String, Object> r = regressor.arguments();
            Map<String, Object> d = decoder.arguments();
            if (intArg(e, "vectorSize") != 0 || !"map".equals(r.get("code"))) {
                throw new IllegalArgumentException(
                        "CrossDomainSr works on feature-map codes; build the encoder without"
                                + " optVectorSize and the regressor with the map code");
            }
            int down = intArg(e, "downsamplings");
            int codeChannels =
                    intArg(e, "codeChannels") > 0
                            ? intArg(e, "codeChannels")
                            : (int) Math.min((long) intArg(e, "channels") << down,
                                    intArg(e, "maxChannels"));
            if (intArg(r, "channels") != codeChannels) {
                throw new IllegalArgumentException(
                        "CrossDomainSr: the encoder's code has " + codeChannels
                                + " channels but the regressor expects " + intArg(r, "channels")
                                + "; set the regressor's channels to " + codeChannels);
            }
            if (intArg(d, "upsamplings") != down || intArg(d, "outputChannels") != 3) {
                throw new IllegalArgumentException(
                        "CrossDomainSr: the decoder needs " + down + " upsamplings (the encoder's"
                                + " downsamplings) and 3 output channels, got "
                                + intArg(d, "upsamplings") + " and " + intArg(d, "outputChannels"));
            }
            return new CrossDomainSr(this);
        }
    }
}
