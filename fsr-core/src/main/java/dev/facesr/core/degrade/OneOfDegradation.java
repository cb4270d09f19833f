package dev.facesr.core.degrade;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks one of several degradations uniformly at random for each image, e.g. a 4x or an 8x
 * bicubic shrink followed by the enlargement back to the high-resolution grid, so one model
 * learns several scales. Made by {@link Degradations#oneOf}. Every choice must give the same
 * output shape for a given input (checked by {@link #outputShape}), so a batch stacks. Each image
 * of a batch draws its own choice; the choice and then the chosen degradation draw from the same
 * generator, in that order.
 */
public final class OneOfDegradation extends ImageDegradation {

    private final List<Degradation> choices;

    OneOfDegradation(List<Degradation> choices) {
        this.choices = List.copyOf(choices);
    }

    /** @return the choices, in order */
    public List<Degradation> choices() {
        return choices;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        Degradation chosen = choices.get(random.nextInt(choices.size()));
        if (chosen instanceof ImageDegradation d) {
            return d.apply(image, random);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            return FloatImage.fromNDArray(chosen.apply(image.toNDArray(manager), random));
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the choices give different shapes for this input
     */
    @Override
    public Shape outputShape(Shape inputShape) {
        super.outputShape(inputShape); // rank check
        Shape first = choices.get(0).outputShape(inputShape);
        for (int i = 1; i < choices.size(); i++) {
            Shape s = choices.get(i).outputShape(inputShape);
            if (!s.equals(first)) {
                throw new IllegalArgumentException("Degradations.oneOf: choice 0 (" + choices.get(0)
                        + ") gives " + first + " but choice " + i + " (" + choices.get(i) + ") gives " + s
                        + " for input " + inputShape + "; end every choice with the same resize, e.g."
                        + " BicubicResize.toSize(h, w)");
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "OneOf" + choices;
    }
}
