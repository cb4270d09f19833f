package dev.facesr.core.degrade;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Factory methods that combine degradations. */
public final class Degradations {

    private Degradations() {}

    /**
     * Chains degradations: the output of each is the input of the next, and all draw from the
     * same generator in order. With no steps the result is the identity (it returns a copy).
     *
     * @param steps the steps, in order
     * @return the chain
     */
    public static SequentialDegradation sequence(Degradation... steps) {
        return sequence(Arrays.asList(steps));
    }

    /**
     * Chains degradations; see {@link #sequence(Degradation...)}.
     *
     * @param steps the steps, in order
     * @return the chain
     */
    public static SequentialDegradation sequence(List<? extends Degradation> steps) {
        Objects.requireNonNull(steps, "steps");
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) == null) {
                throw new IllegalArgumentException("Degradation step " + i + " is null");
            }
        }
        return new SequentialDegradation(List.copyOf(steps));
    }

    /** @return a degradation that returns a copy of its input */
    public static SequentialDegradation identity() {
        return new SequentialDegradation(List.of());
    }

    /**
     * Picks one of the given degradations uniformly at random per image (see {@link
     * OneOfDegradation}); e.g. {@code oneOf(sequence(shrinkBy(4), toSize(128, 128)),
     * sequence(shrinkBy(8), toSize(128, 128)))} trains one model on 4x and 8x inputs.
     *
     * @param choices at least one degradation; all must give the same output shape
     * @return the random choice
     */
    public static OneOfDegradation oneOf(Degradation... choices) {
        Objects.requireNonNull(choices, "choices");
        if (choices.length == 0) {
            throw new IllegalArgumentException("Degradations.oneOf needs at least one choice");
        }
        for (int i = 0; i < choices.length; i++) {
            if (choices[i] == null) {
                throw new IllegalArgumentException("Degradation choice " + i + " is null");
            }
        }
        return new OneOfDegradation(List.of(choices));
    }
}
