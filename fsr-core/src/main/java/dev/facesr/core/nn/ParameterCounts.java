package dev.facesr.core.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Counts the parameters of an initialised block (its own and all its children's). */
public final class ParameterCounts {

    private ParameterCounts() {}

    /**
     * Counts every value a block stores, including running statistics of batch normalisation.
     *
     * @param block an initialised block
     * @return the number of stored values
     * @throws IllegalStateException when the block has not been initialised
     */
    public static long all(Block block) {
        return count(block, false);
    }

    /**
     * Counts the values a block learns (parameters that take a gradient).
     *
     * @param block an initialised block
     * @return the number of trainable values
     * @throws IllegalStateException when the block has not been initialised
     */
    public static long trainable(Block block) {
        return count(block, true);
    }

    private static long count(Block block, boolean trainableOnly) {
        long total = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.getShape() == null) {
                throw new IllegalStateException(
                        "Parameter "
                                + pair.getKey()
                                + " has no shape yet: call block.initialize(manager, "
                                + "DataType.FLOAT32, inputShapes) before counting parameters");
            }
            if (!trainableOnly || p.requiresGradient()) {
                total += p.getShape().size();
            }
        }
        return total;
    }
}
