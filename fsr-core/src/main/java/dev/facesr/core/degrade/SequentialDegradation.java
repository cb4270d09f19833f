package dev.facesr.core.degrade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Steps applied one after the other, all drawing from the same generator in order. Made by
 * {@link Degradations#sequence}. When every step is an {@link ImageDegradation} the tensor is
 * copied to Java once for the whole chain; otherwise each step gets a tensor.
 */
public final class SequentialDegradation extends ImageDegradation {

    private final List<Degradation> steps;
    private final boolean allImage;

    SequentialDegradation(List<Degradation> steps) {
        this.steps = List.copyOf(steps);
        this.allImage = this.steps.stream().allMatch(s -> s instanceof ImageDegradation);
    }

    /** @return the steps, in order */
    public List<Degradation> steps() {
        return steps;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray apply(NDArray image, RandomGenerator random) {
        if (allImage) {
            return super.apply(image, random);
        }
        outputShape(image.getShape());
        NDArray x = image;
        for (Degradation step : steps) {
            NDArray next = step.apply(x, random);
            if (x != image && x != next) {
                x.close(); // an intermediate this chain made
            }
            x = next;
        }
        return x == image ? image.duplicate() : x;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        if (allImage) {
            FloatImage x = image;
            for (Degradation step : steps) {
                x = ((ImageDegradation) step).apply(x, random);
            }
            return x == image ? image.copy() : x;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            return FloatImage.fromNDArray(apply(image.toNDArray(manager), random));
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape outputShape(Shape inputShape) {
        super.outputShape(inputShape); // rank check
        Shape s = inputShape;
        for (Degradation step : steps) {
            s = step.outputShape(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Sequence" + steps;
    }
}
