package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;

/**
 * RCAN-style channel attention (squeeze-excitation): global average pooling, 1x1 conv to {@code
 * max(1, C / reduction)} channels, ReLU, 1x1 conv back to C, sigmoid, and the input scaled by the
 * result per channel. Input and output: (N, C, H, W). Parameters: {@code 2 * C * Cr + Cr + C}
 * with {@code Cr = max(1, C / reduction)}.
 */
public final class ChannelAttention extends FsrBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final Conv2d squeeze;
    private final Conv2d excite;

    /**
     * Creates a channel-attention block.
     *
     * @param channels the channels C of the input, at least 1
     * @param reduction the squeeze ratio, at least 1 (RCAN uses 16)
     * @throws IllegalArgumentException when a setting is below 1
     */
    public ChannelAttention(int channels, int reduction) {
        super(VERSION);
        BuilderChecks.positive("ChannelAttention", "channels", channels);
        BuilderChecks.positive("ChannelAttention", "reduction", reduction);
        this.channels = channels;
        int reduced = Math.max(1, channels / reduction);
        squeeze =
                addChildBlock(
                        "squeeze",
                        Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(reduced).build());
        excite =
                addChildBlock(
                        "excite",
                        Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).build());
        useDefaultInitializers();
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("ChannelAttention", inputs);
        if (in.get(1) != channels) {
            throw new IllegalArgumentException(
                    "ChannelAttention was built for " + channels + " channels but the input has "
                            + in.get(1) + " (shape " + in + ")");
        }
        Shape pooled = new Shape(in.get(0), in.get(1), 1, 1);
        Shape[] s = step.apply(squeeze, new Shape[] {pooled});
        step.apply(excite, s);
        return inputs;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList w = new NDList(spatialMean(x, true));
        w = squeeze.forward(store, w, training, params);
        w = new NDList(Activation.relu(w.singletonOrThrow()));
        w = excite.forward(store, w, training, params);
        return new NDList(x.mul(Activation.sigmoid(w.singletonOrThrow())));
    }
}
