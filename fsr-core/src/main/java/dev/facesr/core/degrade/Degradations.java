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
}
