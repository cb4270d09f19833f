package dev.facesr.core.nn;

import java.util.Locale;

/** The activation after a layer; written in block arguments as its lower-case name. */
public enum ActivationType {
    /** No activation (identity). */
    NONE,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code x >= 0 ? x : slope * x} with a fixed slope (0.2 unless set). */
    LEAKY_RELU,
    /** Leaky ReLU with one learned slope, initialised to 0.25 as in PyTorch. */
    PRELU,
    /** Logistic sigmoid, maps to (0, 1). */
    SIGMOID,
    /** Hyperbolic tangent, maps to (-1, 1). */
    TANH;

    /**
     * Returns the name used in block arguments.
     *
     * @return the lower-case name, e.g. {@code "leaky_relu"}
     */
    public String argumentName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an argument name (case-insensitive).
     *
     * @param name e.g. {@code "prelu"}
     * @return the activation
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    public static ActivationType fromArgument(String name) {
        return BlockArguments.parseEnum(ActivationType.class, name, "activation");
    }
}
