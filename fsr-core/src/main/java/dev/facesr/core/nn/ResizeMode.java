package dev.facesr.core.nn;

import java.util.Locale;

/**
 * How {@link Resize} samples an image on a new grid; written in block arguments as its lower-case
 * name. (MATLAB-style bicubic lives in fsr-metrics and is not used inside blocks.)
 */
public enum ResizeMode {
    /** Nearest neighbour, as PyTorch {@code F.interpolate(mode="nearest")}. */
    NEAREST,
    /** Bilinear, as PyTorch {@code F.interpolate(mode="bilinear", align_corners=False)}. */
    BILINEAR;

    /**
     * Returns the name used in block arguments.
     *
     * @return the lower-case name, e.g. {@code "bilinear"}
     */
    public String argumentName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an argument name (case-insensitive).
     *
     * @param name e.g. {@code "nearest"}
     * @return the mode
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    public static ResizeMode fromArgument(String name) {
        return BlockArguments.parseEnum(ResizeMode.class, name, "resize mode");
    }
}
