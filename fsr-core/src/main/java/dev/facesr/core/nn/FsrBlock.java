package dev.facesr.core.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Base class of the FaceSR blocks: the shape walk is written once, in {@link #walk}, and serves
 * both {@link #getOutputShapes} and the initialisation of the child blocks, so the two can never
 * disagree. Loading parameters written by another block version fails with a message that names
 * the block and both versions.
 *
 * <p>Subclasses register their children with {@code addChildBlock} in the constructor and call
 * {@link #useDefaultInitializers()} at its end, so {@code initialize} works without a trainer
 * (He-normal convolution and linear weights; a trainer may still override them).
 */
public abstract class FsrBlock extends AbstractBlock {

    /** One step of a shape walk: what happens to a child block given its input shapes. */
    @FunctionalInterface
    protected interface ShapeStep {
        /**
         * Visits one child.
         *
         * @param block the child block
         * @param inputs the child's input shapes
         * @return the child's output shapes
         */
        Shape[] apply(Block block, Shape[] inputs);
    }

    /**
     * Creates a block with the given parameter-format version.
     *
     * @param version the version byte written by {@code saveParameters}
     */
    protected FsrBlock(byte version) {
        super(version);
    }

    /**
     * Walks the shapes through this block: validates the inputs, calls {@code step} for every
     * child in the order it is used in the forward pass, and returns the output shapes.
     *
     * @param inputs the input shapes of this block
     * @param step what to do with each child
     * @return the output shapes of this block
     * @throws IllegalArgumentException when the inputs do not fit this block
     */
    protected abstract Shape[] walk(Shape[] inputs, ShapeStep step);

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return walk(inputShapes, Block::getOutputShapes);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        walk(
                inputShapes,
                (block, shapes) -> {
                    block.initialize(manager, dataType, shapes);
                    return block.getOutputShapes(shapes);
                });
    }

    /** {@inheritDoc} */
    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is)
            throws IOException, MalformedModelException {
        if (loadVersion != version) {
            throw new MalformedModelException(
                    "Cannot load parameters into "
                            + getClass().getSimpleName()
                            + ": the stream holds format version "
                            + loadVersion
                            + " but this block reads version "
                            + version
                            + ". Rebuild the block with the code version that saved it,"
                            + " or re-save the parameters.");
        }
        readInputShapes(is);
    }

    /**
     * Sets He-normal initialisers on every weight of this block and its children; call at the
     * end of the constructor.
     */
    protected final void useDefaultInitializers() {
        setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
    }

    /**
     * Walks a chain of children where each one feeds the next.
     *
     * @param chain the children in order
     * @param inputs the input shapes of the first child
     * @param step what to do with each child
     * @return the output shapes of the last child (the inputs when the chain is empty)
     */
    protected static Shape[] walkChain(List<? extends Block> chain, Shape[] inputs, ShapeStep step) {
        Shape[] shapes = inputs;
        for (Block block : chain) {
            shapes = step.apply(block, shapes);
        }
        return shapes;
    }

    /**
     * Runs a chain of children where each one feeds the next.
     *
     * @param chain the children in order
     * @param store the parameter store
     * @param inputs the inputs of the first child
     * @param training whether this is a training pass
     * @param params extra forward parameters, passed on unchanged
     * @return the outputs of the last child (the inputs when the chain is empty)
     */
    protected static NDList forwardChain(
            List<? extends Block> chain,
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        for (Block block : chain) {
            x = block.forward(store, x, training, params);
        }
        return x;
    }

    /**
     * Checks that exactly one NCHW shape was given.
     *
     * @param blockName the block's name for the message
     * @param inputs the input shapes
     * @return the single shape
     * @throws IllegalArgumentException when there is not exactly one 4-D shape
     */
    protected static Shape singleImageShape(String blockName, Shape[] inputs) {
        if (inputs == null || inputs.length != 1) {
            throw new IllegalArgumentException(
                    blockName
                            + " takes exactly one input (an NCHW tensor), got "
                            + (inputs == null ? 0 : inputs.length)
                            + " inputs");
        }
        requireNchw(blockName, inputs[0]);
        return inputs[0];
    }

    /**
     * Checks that a shape is 4-D (NCHW).
     *
     * @param blockName the block's name for the message
     * @param shape the shape to check
     * @throws IllegalArgumentException when the shape is not 4-D
     */
    protected static void requireNchw(String blockName, Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    blockName
                            + " expects an NCHW input with 4 dimensions, got shape "
                            + shape
                            + "; add a batch axis with expandDims(0) for a single CHW image");
        }
    }

    /**
     * Averages an NCHW tensor over H and W (the PyTorch engine reduces one axis at a time).
     *
     * @param x the tensor, shape (N, C, H, W)
     * @param keepDims true for (N, C, 1, 1), false for (N, C)
     * @return the per-plane means
     */
    protected static NDArray spatialMean(NDArray x, boolean keepDims) {
        Shape s = x.getShape();
        NDArray mean = x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
        return keepDims ? mean.reshape(s.get(0), s.get(1), 1, 1) : mean;
    }
}
