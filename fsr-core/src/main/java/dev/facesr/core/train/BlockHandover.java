package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.Objects;

/**
 * Copies the parameter values of one block into another of the same structure when a stage
 * starts, e.g. a student initialised from its teacher, or a fresh generator from a pretrained
 * one. (To simply reuse a block in a later stage, pass the same {@code Block} instance.)
 */
public final class BlockHandover {

    private final Block from;
    private final Block to;

    private BlockHandover(Block from, Block to) {
        this.from = Objects.requireNonNull(from, "source block must not be null");
        this.to = Objects.requireNonNull(to, "target block must not be null");
        if (from == to) {
            throw new IllegalArgumentException("a hand-over needs two different blocks");
        }
    }

    /**
     * Describes a copy of all parameter values from {@code from} to {@code to}.
     *
     * @param from the source block
     * @param to the target block, with the same parameters (names and shapes)
     * @return the hand-over
     */
    public static BlockHandover copy(Block from, Block to) {
        return new BlockHandover(from, to);
    }

    /**
     * Returns the source block.
     *
     * @return the source
     */
    public Block getFrom() {
        return from;
    }

    /**
     * Returns the target block.
     *
     * @return the target
     */
    public Block getTo() {
        return to;
    }

    /**
     * Copies the values now.
     *
     * @throws IllegalStateException if the blocks' parameters do not match
     */
    public void apply() {
        ParameterList src = from.getParameters();
        ParameterList dst = to.getParameters();
        if (src.size() != dst.size()) {
            throw new IllegalStateException("hand-over: source has " + src.size()
                    + " parameters, target " + dst.size() + "; the blocks must have the same"
                    + " structure");
        }
        for (int i = 0; i < src.size(); i++) {
            Parameter s = src.get(i).getValue();
            Parameter d = dst.get(i).getValue();
            NDArray sa = s.getArray();
            NDArray da = d.getArray();
            if (!sa.getShape().equals(da.getShape())) {
                throw new IllegalStateException("hand-over: parameter " + src.get(i).getKey()
                        + " has shape " + sa.getShape() + " but target " + dst.get(i).getKey()
                        + " has " + da.getShape());
            }
            da.set(sa.toByteBuffer());
        }
    }
}
