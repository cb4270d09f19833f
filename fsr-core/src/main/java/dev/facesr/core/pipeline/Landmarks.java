package dev.facesr.core.pipeline;

import java.util.Arrays;

/**
 * An immutable set of facial landmarks in pixels of the image they belong to, pixel-centre
 * convention ((0, 0) is the centre of the top-left pixel), x right, y down.
 *
 * <p>Two layouts have a meaning in the pipeline:
 *
 * <ul>
 *   <li>{@value #FIVE} points, in the order of the common 5-point detectors (MTCNN, RetinaFace,
 *       YuNet): image-left eye centre, image-right eye centre, nose tip, image-left mouth corner,
 *       image-right mouth corner ("left" is the subject's right);
 *   <li>{@value #SIXTY_EIGHT} points in the 300-W (iBUG) order; {@link #toFivePoint()} reduces
 *       them to the five above (eye centres as the mean of the 6 contour points, nose tip 30,
 *       mouth corners 48 and 54).
 * </ul>
 */
public final class Landmarks {

    /** The number of points of the 5-point layout. */
    public static final int FIVE = 5;

    /** The number of points of the 300-W layout. */
    public static final int SIXTY_EIGHT = 68;

    private final double[] xy;

    private Landmarks(double[] xy) {
        this.xy = xy;
    }

    /**
     * Creates landmarks from interleaved coordinates {@code x0, y0, x1, y1, ...} (copied).
     *
     * @param xy an even number of finite values, at least two
     * @return the landmarks
     * @throws IllegalArgumentException if the count is odd or zero, or a value is not finite
     */
    public static Landmarks of(double... xy) {
        if (xy == null || xy.length == 0 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("Landmarks need an even, non-zero number of coordinates "
                    + "(x0, y0, x1, y1, ...), got " + (xy == null ? "null" : xy.length));
        }
        for (int i = 0; i < xy.length; i++) {
            if (!Double.isFinite(xy[i])) {
                throw new IllegalArgumentException("Landmark coordinate " + i + " is " + xy[i]
                        + "; every coordinate must be finite");
            }
        }
        return new Landmarks(xy.clone());
    }

    /**
     * Returns the number of points.
     *
     * @return the point count
     */
    public int size() {
        return xy.length / 2;
    }

    /**
     * Returns the x of a point.
     *
     * @param i the point index
     * @return its x
     */
    public double x(int i) {
        return xy[2 * i];
    }

    /**
     * Returns the y of a point.
     *
     * @param i the point index
     * @return its y
     */
    public double y(int i) {
        return xy[2 * i + 1];
    }

    /**
     * Returns a copy of the interleaved coordinates {@code x0, y0, x1, y1, ...}.
     *
     * @return the coordinates
     */
    public double[] toArray() {
        return xy.clone();
    }

    /**
     * Maps every point through a transform.
     *
     * @param transform the transform
     * @return the mapped landmarks
     */
    public Landmarks transform(Affine2D transform) {
        double[] out = new double[xy.length];
        for (int i = 0; i < size(); i++) {
            out[2 * i] = transform.applyX(x(i), y(i));
            out[2 * i + 1] = transform.applyY(x(i), y(i));
        }
        return new Landmarks(out);
    }

    /**
     * Returns the 5-point layout of these landmarks.
     *
     * @return this for 5 points, the reduction for 68 points
     * @throws IllegalArgumentException for any other count
     */
    public Landmarks toFivePoint() {
        if (size() == FIVE) {
            return this;
        }
        if (size() != SIXTY_EIGHT) {
            throw new IllegalArgumentException("Only 5- and 68-point landmarks can be reduced to the 5-point "
                    + "layout, got " + size() + " points");
        }
        double[] out = new double[2 * FIVE];
        for (int k = 0; k < 6; k++) {
            out[0] += x(36 + k) / 6;
            out[1] += y(36 + k) / 6;
            out[2] += x(42 + k) / 6;
            out[3] += y(42 + k) / 6;
        }
        out[4] = x(30);
        out[5] = y(30);
        out[6] = x(48);
        out[7] = y(48);
        out[8] = x(54);
        out[9] = y(54);
        return new Landmarks(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks && Arrays.equals(xy, ((Landmarks) o).xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Landmarks[");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("(%.2f, %.2f)", x(i), y(i)));
        }
        return sb.append(']').toString();
    }
}
