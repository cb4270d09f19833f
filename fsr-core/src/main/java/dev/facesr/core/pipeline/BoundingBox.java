package dev.facesr.core.pipeline;

/**
 * An axis-aligned box in pixels of the image it belongs to: {@code (x, y)} is the top-left
 * corner on pixel edges (the top-left pixel spans 0..1), {@code width} and {@code height} are
 * positive.
 *
 * @param x the left edge
 * @param y the top edge
 * @param width the width, positive
 * @param height the height, positive
 */
public record BoundingBox(double x, double y, double width, double height) {

    /**
     * Checks the box.
     *
     * @param x the left edge
     * @param y the top edge
     * @param width the width, positive
     * @param height the height, positive
     * @throws IllegalArgumentException if a value is not finite or a side is not positive
     */
    public BoundingBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width)
                || !Double.isFinite(height) || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A bounding box needs finite values and positive sides, got x="
                    + x + ", y=" + y + ", width=" + width + ", height=" + height);
        }
    }

    /**
     * Returns the x of the box centre.
     *
     * @return the centre x (pixel edges)
     */
    public double centerX() {
        return x + width / 2;
    }

    /**
     * Returns the y of the box centre.
     *
     * @return the centre y (pixel edges)
     */
    public double centerY() {
        return y + height / 2;
    }
}
