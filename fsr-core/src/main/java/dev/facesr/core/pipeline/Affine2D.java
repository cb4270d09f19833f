package dev.facesr.core.pipeline;

/**
 * An immutable 2-D affine map {@code x' = a x + b y + c}, {@code y' = d x + e y + f} between
 * pixel-centre coordinates (see {@link Landmarks}). Aligners return one from the photo to the
 * crop; its {@link #inverse()} takes the crop back to the photo.
 */
public final class Affine2D {

    private static final Affine2D IDENTITY = new Affine2D(1, 0, 0, 0, 1, 0);

    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double e;
    private final double f;

    /**
     * Creates a map from its six coefficients (row-major 2x3 matrix).
     *
     * @param a row 0, column 0
     * @param b row 0, column 1
     * @param c row 0, translation
     * @param d row 1, column 0
     * @param e row 1, column 1
     * @param f row 1, translation
     * @throws IllegalArgumentException if a coefficient is not finite
     */
    public Affine2D(double a, double b, double c, double d, double e, double f) {
        for (double v : new double[] {a, b, c, d, e, f}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Affine coefficients must be finite, got ["
                        + a + ", " + b + ", " + c + "; " + d + ", " + e + ", " + f + "]");
            }
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.e = e;
        this.f = f;
    }

    /**
     * Returns the identity map.
     *
     * @return the identity
     */
    public static Affine2D identity() {
        return IDENTITY;
    }

    /**
     * Returns the map between the pixel-centre grids of an image and the same image resized by
     * {@code scale}: {@code p' = (p + 0.5) scale - 0.5} (the grid MATLAB's {@code imresize} and
     * every pixel-edge-aligned resize use).
     *
     * @param scale the resize factor, positive
     * @return the map from the original grid to the resized grid
     */
    public static Affine2D resampling(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("The resampling scale must be positive and finite, got " + scale);
        }
        double t = 0.5 * scale - 0.5;
        return new Affine2D(scale, 0, t, 0, scale, t);
    }

    /**
     * Maps a point's x.
     *
     * @param x the x
     * @param y the y
     * @return the mapped x
     */
    public double applyX(double x, double y) {
        return a * x + b * y + c;
    }

    /**
     * Maps a point's y.
     *
     * @param x the x
     * @param y the y
     * @return the mapped y
     */
    public double applyY(double x, double y) {
        return d * x + e * y + f;
    }

    /**
     * Returns the map that applies this one, then {@code next}.
     *
     * @param next the map applied second
     * @return {@code next ∘ this}
     */
    public Affine2D then(Affine2D next) {
        return new Affine2D(
                next.a * a + next.b * d, next.a * b + next.b * e, next.a * c + next.b * f + next.c,
                next.d * a + next.e * d, next.d * b + next.e * e, next.d * c + next.e * f + next.f);
    }

    /**
     * Returns the determinant of the linear part.
     *
     * @return {@code a e - b d}
     */
    public double determinant() {
        return a * e - b * d;
    }

    /**
     * Returns the mean linear scale, {@code sqrt(|det|)}: output pixels per input pixel.
     *
     * @return the scale
     */
    public double scale() {
        return Math.sqrt(Math.abs(determinant()));
    }

    /**
     * Returns the inverse map.
     *
     * @return the inverse
     * @throws IllegalStateException if the map is singular
     */
    public Affine2D inverse() {
        double det = determinant();
        if (Math.abs(det) < 1e-12) {
            throw new IllegalStateException("The affine map " + this + " is singular and has no inverse");
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new Affine2D(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /**
     * Returns the six coefficients {@code a, b, c, d, e, f} (a row-major 2x3 matrix, as OpenCV's
     * {@code warpAffine} takes it).
     *
     * @return the coefficients
     */
    public double[] toArray() {
        return new double[] {a, b, c, d, e, f};
    }

    @Override
    public String toString() {
        return String.format("Affine2D[%.5f, %.5f, %.3f; %.5f, %.5f, %.3f]", a, b, c, d, e, f);
    }
}
