package dev.facesr.core.nn.layer;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Test-time augmentation by horizontal flip (the "self-ensemble" of EDSR, restricted to the one
 * flip that keeps a face upright): runs the wrapped image-to-image network on the batch and on its
 * mirror image in one forward pass, flips the second half back, and returns the mean. It costs
 * twice the compute of the network and adds no parameters.
 *
 * <p>Saving and loading delegate to the wrapped network, so a parameter file of the network loads
 * into the ensemble unchanged. Meant for inference; it has no version byte of its own.
 */
public final class FlipEnsemble extends AbstractBlock {

    private final Block network;

    /**
     * Wraps a network.
     *
     * @param network an NCHW image-to-image block with one input and one output
     */
    public FlipEnsemble(Block network) {
        if (network == null) {
            throw new IllegalArgumentException("FlipEnsemble needs a network to wrap");
        }
        this.network = addChildBlock("network", network);
    }

    /** @return the wrapped network */
    public Block network() {
        return network;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("FlipEnsemble expects an NCHW input, got shape " + x.getShape());
        }
        long n = x.getShape().get(0);
        NDArray both = NDArrays.concat(new NDList(x, x.flip(3)), 0);
        NDArray y = network.forward(store, new NDList(both), training, params).singletonOrThrow();
        NDArray plain = y.get("0:" + n);
        NDArray mirrored = y.get(n + ":").flip(3);
        return new NDList(plain.add(mirrored).mul(0.5f));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        network.initialize(manager, dataType, inputShapes);
    }

    /** {@inheritDoc} */
    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        network.saveParameters(os);
    }

    /** {@inheritDoc} */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        network.loadParameters(manager, is);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "FlipEnsemble(" + network + ")";
    }
}
