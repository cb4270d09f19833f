package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import dev.facesr.core.nn.ParameterViews;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import dev.facesr.core.nn.FsrBlock;

/**
 * Instance normalisation: each (sample, channel) plane is normalised over H and W with the biased
 * variance, then scaled and shifted by a learned per-channel gamma and beta (as PyTorch {@code
 * InstanceNorm2d(C, affine=True)}, no running statistics). Input and output: (N, C, H, W).
 * Parameters: 2C.
 */
public final class InstanceNorm extends FsrBlock {

    private static final byte VERSION = 1;

    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * Creates an instance normalisation with epsilon 1e-5.
     */
    public InstanceNorm() {
        this(1e-5f);
    }

    /**
     * Creates an instance normalisation.
     *
     * @param epsilon added to the variance, must be positive
     * @throws IllegalArgumentException when epsilon is not positive
     */
    public InstanceNorm(float epsilon) {
        super(VERSION);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("InstanceNorm epsilon must be > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        gamma =
                addParameter(
                        Parameter.builder()
                                .setName("gamma")
                                .setType(Parameter.Type.GAMMA)
                                .optInitializer(new ConstantInitializer(1f))
                                .build());
        beta =
                addParameter(
                        Parameter.builder()
                                .setName("beta")
                                .setType(Parameter.Type.BETA)
                                .optInitializer(new ConstantInitializer(0f))
                                .build());
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = singleImageShape("InstanceNorm", inputShapes);
        gamma.setShape(new Shape(in.get(1)));
        beta.setShape(new Shape(in.get(1)));
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        singleImageShape("InstanceNorm", inputs);
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
        long c = x.getShape().get(1);
        NDArray mean = spatialMean(x, true);
        NDArray centred = x.sub(mean);
        NDArray var = spatialMean(centred.square(), true);
        NDArray y = centred.div(var.add(epsilon).sqrt());
        Shape perChannel = new Shape(1, c, 1, 1);
        NDArray g = ParameterViews.view(store.getValue(gamma, x.getDevice(), training), x, perChannel);
        NDArray b = ParameterViews.view(store.getValue(beta, x.getDevice(), training), x, perChannel);
        return new NDList(y.mul(g).add(b));
    }
}
