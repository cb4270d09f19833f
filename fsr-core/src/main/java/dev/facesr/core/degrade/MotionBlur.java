package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;

/**
 * Linear motion blur: the average of the image along a line segment of {@code length} pixels
 * through the pixel, at {@code angle} degrees counter-clockwise from the x axis (as seen on
 * screen, y down). The kernel is the segment drawn with bilinear (anti-aliased) splats on an odd
 * square grid and normalised to sum 1; borders reflect (BORDER_REFLECT_101). Not random.
 */
public final class MotionBlur extends ImageDegradation {

    private final double length;
    private final double angleDegrees;
    private final float[][] kernel;

    /**
     * Creates the blur.
     *
     * @param length the segment length in pixels, at least 1 (1 is nearly the identity)
     * @param angleDegrees the direction of motion in degrees
     */
    public MotionBlur(double length, double angleDegrees) {
        checkFinite(length, "length");
        checkFinite(angleDegrees, "angleDegrees");
        if (length < 1) {
            throw new IllegalArgumentException(
                    "Motion blur length must be >= 1 pixel, got " + length);
        }
        this.length = length;
        this.angleDegrees = angleDegrees;
        this.kernel = buildKernel(length, angleDegrees);
    }

    private static float[][] buildKernel(double length, double angleDegrees) {
        int half = (int) Math.ceil(length / 2) + 1;
        int size = 2 * half + 1;
        double[][] k = new double[size][size];
        double a = Math.toRadians(angleDegrees);
        double dx = Math.cos(a);
        double dy = -Math.sin(a);
        int steps = (int) Math.ceil(length * 8) + 1;
        for (int s = 0; s < steps; s++) {
            double t = -length / 2 + length * s / (steps - 1);
            double x = half + t * dx;
            double y = half + t * dy;
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double fx = x - x0;
            double fy = y - y0;
            k[y0][x0] += (1 - fx) * (1 - fy);
            k[y0][x0 + 1] += fx * (1 - fy);
            k[y0 + 1][x0] += (1 - fx) * fy;
            k[y0 + 1][x0 + 1] += fx * fy;
        }
        double sum = 0;
        for (double[] row : k) {
            for (double v : row) {
                sum += v;
            }
        }
        float[][] out = new float[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                out[i][j] = (float) (k[i][j] / sum);
            }
        }
        return out;
    }

    /** @return the segment length in pixels */
    public double length() {
        return length;
    }

    /** @return the direction in degrees */
    public double angleDegrees() {
        return angleDegrees;
    }

    /** @return a copy of the square kernel, row {@code i} is {@code dy = i - size / 2} */
    public float[][] kernel() {
        float[][] copy = new float[kernel.length][];
        for (int i = 0; i < kernel.length; i++) {
            copy[i] = kernel[i].clone();
        }
        return copy;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        return Filters.filter2d(image, kernel);
    }

    @Override
    public String toString() {
        return "MotionBlur(length=" + length + ", angle=" + angleDegrees + ")";
    }
}
