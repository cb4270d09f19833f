package dev.facesr.models.landmarks;

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
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.layer.ConvBlock;
import dev.facesr.core.nn.layer.HourglassBlock;
import dev.facesr.core.nn.layer.ResidualBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stacked-hourglass landmark estimator (Newell et al.) that regresses one heatmap per landmark at
 * 1/4 of the input resolution. Stem: a 7x7 stride-2 convolution to {@code channels / 2}, a 3x3
 * stride-2 convolution to {@code channels} and a residual block (input / 4). Then {@code stacks}
 * times: a {@link HourglassBlock} of {@code depth}, a 1x1 convolution (ReLU) and a 1x1 convolution
 * to {@code landmarks} heatmaps; between stacks the features and heatmaps are mapped back with 1x1
 * convolutions and added to the stack's input (intermediate supervision).
 *
 * <p>Input (N, 3, H, W) RGB face crops in [0, 1], H and W divisible by {@code 4 * 2^depth} (128
 * x 128 for the shipped model). Output: NDList of every stack's heatmaps (N, landmarks, H/4,
 * W/4), last = final; train them against {@link GaussianHeatmaps} targets and decode the last one
 * with {@link HeatmapDecoder} (stride 4).
 */
public final class LandmarkHourglass extends FsrBlock implements RebuildableBlock {

    /** The architecture name stored in model cards. */
    public static final String ARCHITECTURE = "landmarks-hourglass";

    /** The heatmap stride: input side / heatmap side. */
    public static final int STRIDE = 4;

    private static final byte VERSION = 1;
    private static final Set<String> KEYS = Set.of("landmarks", "channels", "stacks", "depth");

    private final Map<String, Object> arguments;
    private final int depth;
    private final List<Block> stem = new ArrayList<>();
    private final List<Block> hourglasses = new ArrayList<>();
    private final List<Block> features = new ArrayList<>();
    private final List<Block> heads = new ArrayList<>();
    private final List<Block> mergeFeatures = new ArrayList<>();
    private final List<Block> mergeHeatmaps = new ArrayList<>();

    private LandmarkHourglass(Builder b) {
        super(VERSION);
        this.arguments = b.toArguments();
        this.depth = b.depth;
        stem.add(addChildBlock("stemConv1", ConvBlock.builder().setChannels(b.channels / 2)
                .optKernelSize(7).optStride(2).optActivation(ActivationType.RELU).build()));
        stem.add(addChildBlock("stemConv2", ConvBlock.builder().setChannels(b.channels)
                .optStride(2).optActivation(ActivationType.RELU).build()));
        stem.add(addChildBlock("stemResidual",
                ResidualBlock.builder().setChannels(b.channels).build()));
        for (int i = 0; i < b.stacks; i++) {
            hourglasses.add(addChildBlock("hourglass" + i,
                    HourglassBlock.builder().setChannels(b.channels).setDepth(b.depth).build()));
            features.add(addChildBlock("features" + i, ConvBlock.builder()
                    .setChannels(b.channels).optKernelSize(1)
                    .optActivation(ActivationType.RELU).build()));
            heads.add(addChildBlock("heatmaps" + i, ConvBlock.builder()
                    .setChannels(b.landmarks).optKernelSize(1).build()));
            if (i < b.stacks - 1) {
                mergeFeatures.add(addChildBlock("mergeFeatures" + i, ConvBlock.builder()
                        .setChannels(b.channels).optKernelSize(1).build()));
                mergeHeatmaps.add(addChildBlock("mergeHeatmaps" + i, ConvBlock.builder()
                        .setChannels(b.channels).optKernelSize(1).build()));
            }
        }
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
     * Returns the number of stacks, i.e. of heatmap outputs.
     *
     * @return the stack count
     */
    public int getStackCount() {
        return hourglasses.size();
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("LandmarkHourglass", inputs);
        long unit = (long) STRIDE << depth;
        if (in.get(1) != 3 || in.get(2) % unit != 0 || in.get(3) % unit != 0) {
            throw new IllegalArgumentException(
                    "LandmarkHourglass(depth=" + depth + ") expects RGB crops (N, 3, H, W) with H"
                            + " and W divisible by " + unit + ", got shape " + in
                            + "; resize the crop (e.g. to 128 x 128) or lower the depth");
        }
        Shape[] x = walkChain(stem, inputs, step);
        Shape[] out = new Shape[hourglasses.size()];
        for (int i = 0; i < hourglasses.size(); i++) {
            Shape[] h = step.apply(hourglasses.get(i), x);
            Shape[] f = step.apply(features.get(i), h);
            Shape[] maps = step.apply(heads.get(i), f);
            out[i] = maps[0];
            if (i < mergeFeatures.size()) {
                step.apply(mergeFeatures.get(i), f);
                step.apply(mergeHeatmaps.get(i), maps);
            }
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
        NDArray x = forwardChain(stem, store, inputs, training, params).singletonOrThrow();
        NDList out = new NDList(hourglasses.size());
        for (int i = 0; i < hourglasses.size(); i++) {
            NDList h = hourglasses.get(i).forward(store, new NDList(x), training, params);
            NDList f = features.get(i).forward(store, h, training, params);
            NDList maps = heads.get(i).forward(store, f, training, params);
            out.add(maps.singletonOrThrow());
            if (i < mergeFeatures.size()) {
                NDArray back = mergeFeatures.get(i).forward(store, f, training, params).head();
                NDArray fromMaps =
                        mergeHeatmaps.get(i).forward(store, maps, training, params).head();
                x = x.add(back).add(fromMaps);
            }
        }
        return out;
    }

    /** Builder for {@link LandmarkHourglass}; also fillable from an argument map. */
    public static final class Builder {
        private int landmarks = 68;
        private int channels = 64;
        private int stacks = 2;
        private int depth = 4;

        Builder() {}

        /**
         * Sets the number of landmarks, i.e. of heatmaps (default 68).
         *
         * @param landmarks at least 1
         * @return this builder
         */
        public Builder optLandmarks(int landmarks) {
            this.landmarks = landmarks;
            return this;
        }

        /**
         * Sets the feature channels of the hourglasses (default 64).
         *
         * @param channels at least 2, even
         * @return this builder
         */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of stacked hourglasses (default 2).
         *
         * @param stacks at least 1
         * @return this builder
         */
        public Builder optStacks(int stacks) {
            this.stacks = stacks;
            return this;
        }

        /**
         * Sets the recursion depth of each hourglass (default 4).
         *
         * @param depth at least 1; the input side must be divisible by {@code 4 * 2^depth}
         * @return this builder
         */
        public Builder optDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link
         * LandmarkHourglass#arguments()}.
         *
         * @param args the arguments; missing keys keep their defaults
         * @return this builder
         * @throws IllegalArgumentException on unknown keys or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("LandmarkHourglass", args, KEYS);
            if (a.has("landmarks")) {
                optLandmarks(a.getInt("landmarks"));
            }
            if (a.has("channels")) {
                optChannels(a.getInt("channels"));
            }
            if (a.has("stacks")) {
                optStacks(a.getInt("stacks"));
            }
            if (a.has("depth")) {
                optDepth(a.getInt("depth"));
            }
            return this;
        }

        Map<String, Object> toArguments() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("landmarks", landmarks);
            m.put("channels", channels);
            m.put("stacks", stacks);
            m.put("depth", depth);
            return BlockArguments.freeze(m);
        }

        /**
         * Builds the estimator.
         *
         * @return the estimator
         * @throws IllegalArgumentException when a setting is out of range
         */
        public LandmarkHourglass build() {
            BuilderChecks.positive("LandmarkHourglass", "optLandmarks", landmarks);
            if (channels < 2 || channels % 2 != 0) {
                throw new IllegalArgumentException(
                        "LandmarkHourglass.optChannels must be even and at least 2, got "
                                + channels);
            }
            BuilderChecks.positive("LandmarkHourglass", "optStacks", stacks);
            BuilderChecks.positive("LandmarkHourglass", "optDepth", depth);
            return new LandmarkHourglass(this);
        }
    }
}
