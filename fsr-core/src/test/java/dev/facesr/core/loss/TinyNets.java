package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;

/** Tiny randomly initialised networks standing in for VGG and a face-recognition net. */
final class TinyNets {

    private TinyNets() {}

    /** conv(3->4) relu conv(4->4) relu: 4 children, for perceptual-loss tests. */
    static SequentialBlock convFeatures(NDManager manager) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(conv(4))
                        .add(Activation.reluBlock())
                        .add(conv(4))
                        .add(Activation.reluBlock());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return block;
    }

    /** conv(3->4) relu global-average-pool linear(6): NCHW images to (N, 6) embeddings. */
    static SequentialBlock embedder(NDManager manager) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(conv(4))
                        .add(Activation.reluBlock())
                        .add(Pool.globalAvgPool2dBlock())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(6).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return block;
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    /** Asserts that no parameter of the block takes part in autograd. */
    static void assertFrozen(Block block) {
        assertThat(block.getParameters().size()).isPositive();
        for (Pair<String, Parameter> p : block.getParameters()) {
            assertThat(p.getValue().requiresGradient())
                    .as("parameter %s requires a gradient", p.getKey())
                    .isFalse();
            NDArray gradient;
            try {
                gradient = p.getValue().getArray().getGradient();
            } catch (RuntimeException e) {
                continue; // no gradient attached: frozen
            }
            assertThat(gradient.abs().sum().getFloat())
                    .as("gradient of parameter %s", p.getKey())
                    .isZero();
        }
    }
}
