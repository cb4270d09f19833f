package dev.facesr.metrics.image;

/**
 * The numeric range pixel values are stored in. Metrics always work on the 0-255 scale; this
 * says how to get there, so the range of every input is stated rather than guessed.
 */
public enum ValueRange {
    /** Values in [0, 1] (the project's tensor convention): multiplied by 255 before measuring. */
    UNIT(255.0),
    /** Values in [0, 255] (8-bit images read as floats): used as they are. */
    BYTE(1.0);

    private final double toByteScale;

    ValueRange(double toByteScale) {
        this.toByteScale = toByteScale;
    }

    /**
     * Returns the factor that maps a value in this range to the 0-255 scale.
     *
     * @return 255 for {@link #UNIT}, 1 for {@link #BYTE}
     */
    public double toByteScale() {
        return toByteScale;
    }

    /**
     * Returns the largest value of this range (1 or 255).
     *
     * @return the maximum value
     */
    public double max() {
        return 255.0 / toByteScale;
    }
}
