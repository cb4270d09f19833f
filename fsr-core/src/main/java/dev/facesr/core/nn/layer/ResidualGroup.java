package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chain of residual blocks followed by a convolution (and the blocks' normalisation), wrapped
 * in one long skip: {@code x + conv(blocks(x))}. This is the SRResNet/EDSR trunk and the RCAN
 * residual group. Input and output: (N, C, H, W). Parameters: {@code blocks} residual blocks plus
 * one {@code C -> C} convolution (plus its norm).
 */
public final class ResidualGroup extends FsrBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final List<Block> chain;

    private ResidualGroup(int blocks, ResidualBlock.Builder template) {
        super(VERSION);
        this.channels = template.getChannels();
        List<Block> parts = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            parts.add(addChildBlock("block" + i, template.build()));
        }
        parts.add(
                addChildBlock(
                        "fuse",
                        ConvBlock.builder()
                                .setChannels(channels)
                                .optKernelSize(template.getKernelSize())
                                .optNorm(template.getNorm())
                                .build()));
        this.chain = Collections.unmodifiableList(parts);
        useDefaultInitializers();
    }

    /**
     * Creates a residual group.
     *
     * @param blocks the number of residual blocks, 0 or more
     * @param template the settings of every residual block (its channels, kernel and norm are also
     *     used for the closing convolution)
     * @return the group
     * @throws IllegalArgumentException when {@code blocks} is negative or the template is invalid
     */
    public static ResidualGroup of(int blocks, ResidualBlock.Builder template) {
        BuilderChecks.nonNegative("ResidualGroup", "blocks", blocks);
        BuilderChecks.notNull("ResidualGroup", "template", template);
        template.build(); // validates the template before any child is registered
        return new ResidualGroup(blocks, template);
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        Shape in = singleImageShape("ResidualGroup", inputs);
        if (in.get(1) != channels) {
            throw new IllegalArgumentException(
                    "ResidualGroup was built for " + channels + " channels but the input has "
                            + in.get(1) + " (shape " + in + ")");
        }
        walkChain(chain, inputs, step);
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
        NDArray y = forwardChain(chain, store, inputs, training, params).singletonOrThrow();
        return new NDList(x.add(y));
    }
}
