package dev.facesr.models.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Estimates the compute of an initialised block: the multiply-accumulates (MACs) of its
 * convolutions and linear layers for one sample, at the input shapes the block was initialised
 * with. A convolution costs {@code weights * outH * outW} MACs, a linear layer its weight count.
 * Element-wise work (activations, additions, resizing) is not counted. FLOPs are about {@code 2 *
 * MACs}.
 */
public final class ModelComplexity {

    private ModelComplexity() {}

    /**
     * Counts the multiply-accumulates of one sample.
     *
     * @param block a block initialised for the input size of interest
     * @return MACs per sample
     * @throws IllegalStateException when the block or a child was not initialised
     */
    public static long multiplyAccumulates(Block block) {
        if (block instanceof Convolution || block instanceof Linear) {
            PairList<String, Shape> in = block.describeInput();
            if (in == null || in.isEmpty()) {
                throw new IllegalStateException(
                        "ModelComplexity needs an initialised block; "
                                + block.getClass().getSimpleName() + " has no input shape");
            }
            Shape[] shapes = in.values().toArray(new Shape[0]);
            Shape out = block.getOutputShapes(shapes)[0];
            long weights = 0;
            for (Pair<String, Parameter> p : block.getDirectParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    weights += p.getValue().getArray().size();
                }
            }
            long positions = 1;
            if (block instanceof Convolution) {
                for (int d = 2; d < out.dimension(); d++) {
                    positions *= out.get(d);
                }
            }
            return weights * positions;
        }
        long total = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            total += multiplyAccumulates(child.getValue());
        }
        return total;
    }
}
