package dev.facesr.core.nn;

import java.util.Locale;

/** The normalisation after a convolution; written in block arguments as its lower-case name. */
public enum NormType {
    /** No normalisation. */
    NONE,
    /** Batch normalisation over (N, H, W) per channel, with running statistics for inference. */
    BATCH,
    /** Instance normalisation over (H, W) per sample and channel, with a learned affine. */
    INSTANCE;

    /**
     * Returns the name used in block arguments.
     *
     * @return the lower-case name, e.g. {@code "batch"}
     */
    public String argumentName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an argument name (case-insensitive).
     *
     * @param name e.g. {@code "instance"}
     * @return the normalisation
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    public static NormType fromArgument(String name) {
        return BlockArguments.parseEnum(NormType.class, name, "norm");
    }
}
