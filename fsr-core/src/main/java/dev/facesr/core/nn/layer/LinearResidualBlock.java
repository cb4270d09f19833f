package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;

/**
 * Residual block for code vectors: {@code x + scale * linear2(act(linear1(x)))}. Input and
 * output: (N, D). Parameters: {@code 2 * (D^2 + D)}.
 */
public final class LinearResidualBlock extends FsrBlock {

    private static final byte VERSION = 1;

    private final int units;
    private final float scale;
    private final Linear first;
    private final ActivationBlock activation;
    private final Linear second;

    /**
     * Creates a linear residual block.
     *
     * @param units the vector size D, at least 1
     * @param activation the activation between the layers (not null; NONE allowed)
     * @param leakySlope the leaky-ReLU slope, in [0, 1]
     * @param scale the residual scaling, in (0, 1]
     * @throws IllegalArgumentException when a setting is out of range
     */
    public LinearResidualBlock(int units, ActivationType activation, float leakySlope, float scale) {
        super(VERSION);
        BuilderChecks.positive("LinearResidualBlock", "units", units);
        BuilderChecks.notNull("LinearResidualBlock", "activation", activation);
        if (!(scale > 0f && scale <= 1f)) {
            throw new IllegalArgumentException(
                    "LinearResidualBlock residual scale must be in (0, 1], got " + scale);
        }
        this.units = units;
        this.scale = scale;
        first = addChildBlock("linear1", Linear.builder().setUnits(units).build());
        this.activation = addChildBlock("act", new ActivationBlock(activation, leakySlope));
        second = addChildBlock("linear2", Linear.builder().setUnits(units).build());
        useDefaultInitializers();
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        if (inputs.length != 1 || inputs[0].dimension() != 2 || inputs[0].get(1) != units) {
            throw new IllegalArgumentException(
                    "LinearResidualBlock expects one (N, " + units + ") input, got "
                            + java.util.Arrays.toString(inputs));
        }
        Shape[] s = step.apply(first, inputs);
        s = step.apply(activation, s);
        step.apply(second, s);
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
        NDList y = first.forward(store, inputs, training, params);
        y = activation.forward(store, y, training, params);
        NDArray out = second.forward(store, y, training, params).singletonOrThrow();
        return new NDList(x.add(scale == 1f ? out : out.mul(scale)));
    }
}
