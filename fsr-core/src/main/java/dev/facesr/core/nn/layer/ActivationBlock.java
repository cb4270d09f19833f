package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;

/**
 * An element-wise activation as a block. Input and output have the same shape (any rank). For
 * {@link ActivationType#PRELU} the block learns one slope (one parameter, type {@code OTHER}, so a
 * trainer's weight initialiser leaves its 0.25 start value alone).
 */
public final class ActivationBlock extends FsrBlock {

    private static final byte VERSION = 1;

    private final ActivationType type;
    private final float leakySlope;
    private final Parameter alpha;

    /**
     * Creates an activation block.
     *
     * @param type the activation; {@link ActivationType#NONE} gives the identity
     * @param leakySlope the negative slope of {@link ActivationType#LEAKY_RELU}, in [0, 1]
     * @throws IllegalArgumentException when {@code type} is null or the slope is outside [0, 1]
     */
    public ActivationBlock(ActivationType type, float leakySlope) {
        super(VERSION);
        BuilderChecks.notNull("ActivationBlock", "type", type);
        BuilderChecks.inRange("ActivationBlock", "leakySlope", leakySlope, 0f, 1f);
        this.type = type;
        this.leakySlope = leakySlope;
        if (type == ActivationType.PRELU) {
            alpha =
                    addParameter(
                            Parameter.builder()
                                    .setName("alpha")
                                    .setType(Parameter.Type.OTHER)
                                    .optShape(new Shape(1))
                                    .optInitializer(new ConstantInitializer(0.25f))
                                    .build());
        } else {
            alpha = null;
        }
    }

    /**
     * Returns the activation type.
     *
     * @return the type
     */
    public ActivationType getType() {
        return type;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
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
        switch (type) {
            case NONE:
                return new NDList(x);
            case RELU:
                return new NDList(Activation.relu(x));
            case LEAKY_RELU:
                return new NDList(Activation.leakyRelu(x, leakySlope));
            case PRELU:
                NDArray a = store.getValue(alpha, x.getDevice(), training);
                return new NDList(x.maximum(0f).add(x.minimum(0f).mul(a)));
            case SIGMOID:
                return new NDList(Activation.sigmoid(x));
            case TANH:
                return new NDList(Activation.tanh(x));
            default:
                throw new IllegalStateException("Unhandled activation " + type);
        }
    }

    /**
     * Creates the block for a setting, or null for {@link ActivationType#NONE}.
     *
     * @param type the activation
     * @param leakySlope the leaky-ReLU slope
     * @return a new block, or null when there is nothing to apply
     */
    public static ActivationBlock orNull(ActivationType type, float leakySlope) {
        return type == ActivationType.NONE ? null : new ActivationBlock(type, leakySlope);
    }
}
