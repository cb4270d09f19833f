package dev.facesr.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Changes the number type of every parameter of an initialised block in place, e.g. to store
 * weights as float16 (half the file size) and compute in float32 after loading. The PyTorch
 * engine has no {@code Block.cast()}, so each parameter's array is replaced by a converted copy
 * made in the same manager (the old array is closed). Meant for storing and loading weights: the
 * converted arrays carry no gradient buffers, so reload a block before training it again.
 */
public final class ParameterPrecision {

    private ParameterPrecision() {}

    /**
     * Converts every parameter array that is not already of {@code type}.
     *
     * @param block an initialised block
     * @param type FLOAT32 or FLOAT16
     * @return the number of parameters converted
     * @throws IllegalArgumentException for another type or an uninitialised block
     */
    public static int convert(Block block, DataType type) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
            throw new IllegalArgumentException("Parameters can be stored as FLOAT32 or FLOAT16, not " + type);
        }
        int converted = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (!p.isInitialized()) {
                throw new IllegalArgumentException("Parameter " + pair.getKey()
                        + " has no values; initialise or load the block first");
            }
            NDArray old = p.getArray();
            if (old.getDataType() == type) {
                continue;
            }
            NDArray copy = old.toType(type, true);
            copy.attach(old.getManager());
            // Parameter.setArray refuses once a shape is known: forget array and shape first
            p.close();
            p.setShape(null);
            p.setArray(copy);
            converted++;
        }
        return converted;
    }

    /** Work to run while a block's parameters have another type, e.g. saving them. */
    @FunctionalInterface
    public interface Action {
        /**
         * Runs the work.
         *
         * @throws java.io.IOException when the work fails to read or write
         */
        void run() throws java.io.IOException;
    }

    /**
     * Runs an action while every parameter holds a copy converted to {@code type}, then gives
     * each parameter back its original array (values unchanged, not rounded), even when the
     * action fails. Used to save float16 weights of a float32 block.
     *
     * @param block an initialised block
     * @param type FLOAT32 or FLOAT16
     * @param action what to do with the converted block
     * @throws java.io.IOException from the action
     */
    public static void runAs(Block block, DataType type, Action action) throws java.io.IOException {
        java.util.List<Parameter> params = new java.util.ArrayList<>();
        java.util.List<NDArray> originals = new java.util.ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().isInitialized()) {
                params.add(pair.getValue());
                NDArray keep = pair.getValue().getArray().duplicate();
                keep.attach(pair.getValue().getArray().getManager());
                originals.add(keep);
            }
        }
        try {
            convert(block, type);
            action.run();
        } finally {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                p.close();
                p.setShape(null);
                p.setArray(originals.get(i));
            }
        }
    }
}
