package dev.facesr.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/** Shared checks for block tests: shapes against a real forward pass and save/load identity. */
public final class BlockHarness {

    private BlockHarness() {}

    /**
     * A small 2x generator without normalisation (3x3 head and tail): the fixture of the tests of
     * parameter tools and wrappers.
     */
    public static dev.facesr.core.nn.role.Generator tinyGenerator(int channels, int blocks) {
        return dev.facesr.core.nn.role.Generator.builder().setScale(2).optChannels(channels)
                .optResidualBlocks(blocks).optNorm(NormType.NONE).optHeadKernel(3).optTailKernel(3).build();
    }

    /** Makes deterministic pseudo-random inputs in [0, 1). */
    public static NDList inputs(NDManager manager, Shape... shapes) {
        NDList list = new NDList();
        manager.getEngine().setRandomSeed(7);
        for (Shape s : shapes) {
            list.add(manager.randomUniform(0f, 1f, s));
        }
        return list;
    }

    /** Initialises a block for the given input shapes. */
    public static <B extends Block> B init(NDManager manager, B block, Shape... shapes) {
        block.initialize(manager, DataType.FLOAT32, shapes);
        return block;
    }

    /** Runs a forward pass. */
    public static NDList forward(NDManager manager, Block block, NDList x, boolean training) {
        return block.forward(new ParameterStore(manager, false), x, training);
    }

    /**
     * Asserts that getOutputShapes equals the shapes of a real forward pass, in training and in
     * inference, and returns the inference outputs.
     */
    public static NDList assertShapesMatchForward(NDManager manager, Block block, NDList x) {
        Shape[] predicted =
                block.getOutputShapes(x.stream().map(NDArray::getShape).toArray(Shape[]::new));
        NDList train = forward(manager, block, x, true);
        NDList infer = forward(manager, block, x, false);
        Shape[] actual = infer.stream().map(NDArray::getShape).toArray(Shape[]::new);
        assertThat(predicted).as("getOutputShapes vs forward").containsExactly(actual);
        assertThat(train.stream().map(NDArray::getShape).toArray(Shape[]::new))
                .containsExactly(actual);
        return infer;
    }

    /**
     * Saves the block's parameters, loads them into a freshly built twin (initialised with its own
     * random values) and asserts identical inference outputs.
     */
    public static void assertSaveLoadIdentical(
            NDManager manager, Block block, Supplier<Block> twinFactory, NDList x)
            throws Exception {
        Shape[] shapes = x.stream().map(NDArray::getShape).toArray(Shape[]::new);
        // one training pass so batch-norm running statistics move away from their start values
        forward(manager, block, x, true);
        NDList expected = forward(manager, block, x, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            block.saveParameters(os);
        }
        Block twin = twinFactory.get();
        manager.getEngine().setRandomSeed(99);
        twin.initialize(manager, DataType.FLOAT32, shapes);
        try (DataInputStream is =
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            twin.loadParameters(manager, is);
            assertThat(is.read()).as("stream fully consumed").isEqualTo(-1);
        }
        NDList actual = forward(manager, twin, x, false);
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i).toFloatArray();
            float[] a = actual.get(i).toFloatArray();
            assertThat(a).as("output %d after load", i).containsExactly(e);
        }
    }

    /** Formats a shape list for messages. */
    public static String describe(Shape[] shapes) {
        return Arrays.toString(shapes);
    }
}
