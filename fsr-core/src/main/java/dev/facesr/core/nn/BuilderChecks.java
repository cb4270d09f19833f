package dev.facesr.core.nn;

/** Checks shared by the block builders; each failure says which setting to change. */
public final class BuilderChecks {

    private BuilderChecks() {}

    /**
     * Requires a positive integer setting.
     *
     * @param block the block name, e.g. {@code "ConvBlock"}
     * @param setter the builder method, e.g. {@code "setChannels"}
     * @param value the value given
     * @throws IllegalArgumentException when {@code value < 1}
     */
    public static void positive(String block, String setter, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(
                    block + "." + setter + " must be at least 1, got " + value
                            + (value == 0 ? " (was it set?)" : ""));
        }
    }

    /**
     * Requires a non-negative integer setting.
     *
     * @param block the block name
     * @param setter the builder method
     * @param value the value given
     * @throws IllegalArgumentException when {@code value < 0}
     */
    public static void nonNegative(String block, String setter, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    block + "." + setter + " must be 0 or more, got " + value);
        }
    }

    /**
     * Requires an odd kernel size, so that padding {@code k / 2} keeps the spatial size.
     *
     * @param block the block name
     * @param setter the builder method
     * @param kernel the kernel size given
     * @throws IllegalArgumentException when the kernel is not odd and positive
     */
    public static void oddKernel(String block, String setter, int kernel) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException(
                    block + "." + setter + " must be an odd positive kernel size (1, 3, 5, ...) "
                            + "so that 'same' padding keeps the image size, got " + kernel);
        }
    }

    /**
     * Requires a finite number in a range.
     *
     * @param block the block name
     * @param setter the builder method
     * @param value the value given
     * @param min the smallest allowed value (inclusive)
     * @param max the largest allowed value (inclusive)
     * @throws IllegalArgumentException when {@code value} is outside [min, max] or not finite
     */
    public static void inRange(String block, String setter, float value, float min, float max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    block + "." + setter + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /**
     * Requires a non-null setting.
     *
     * @param block the block name
     * @param setter the builder method
     * @param value the value given
     * @throws IllegalArgumentException when {@code value} is null
     */
    public static void notNull(String block, String setter, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(block + "." + setter + " must not be null");
        }
    }
}
