package dev.facesr.metrics.landmark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Normalised mean landmark error (NME): per image, the mean Euclidean distance between predicted
 * and true points divided by a normalising length.
 *
 * <p>The length is, by default, the inter-ocular distance measured on the ground truth: between
 * the outer eye corners (points 36 and 45, 0-based) for 68-point sets, between the two eye centres
 * (points 0 and 1) for 5-point sets. Other point counts need a caller-given length, fixed ({@link
 * Builder#optNormalizingLength}) or per image ({@link #perImage(float[][], float[][], double)}).
 * Points are (x, y) pixels; the normalised error has no unit. See {@link LandmarkErrorSummary}
 * for the set summaries (threshold 0.08 by default). Immutable and thread-safe.
 */
public final class LandmarkError {
    /** The default threshold of the failure rate and the CED area. */
    public static final double DEFAULT_THRESHOLD = 0.08;

    private final double threshold;
    private final double fixedLength;

    private LandmarkError(Builder b) {
        this.threshold = b.threshold;
        this.fixedLength = b.length;
    }

    /**
     * Returns a builder: inter-ocular normalisation, threshold 0.08.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the inter-ocular distance of a ground-truth point set (68 points: 36-45; 5 points:
     * 0-1).
     *
     * @param gt the true points, P x 2
     * @return the distance in pixels
     * @throws IllegalArgumentException for other point counts or coincident eye points
     */
    public static double interOcular(float[][] gt) {
        int a;
        int b;
        if (gt.length == 68) {
            a = 36;
            b = 45;
        } else if (gt.length == 5) {
            a = 0;
            b = 1;
        } else {
            throw new IllegalArgumentException(
                    "Inter-ocular normalisation knows 68- and 5-point sets, got " + gt.length
                            + " points; give a normalising length instead");
        }
        double d = dist(gt[a], gt[b]);
        if (!(d > 0)) {
            throw new IllegalArgumentException(
                    "The ground-truth eye points " + a + " and " + b + " coincide; cannot normalise by"
                            + " their distance");
        }
        return d;
    }

    /**
     * Returns one image's error, normalised by this metric's length (fixed or inter-ocular).
     *
     * @param pred the predicted points, P x 2 (x, y)
     * @param gt the true points, P x 2
     * @return the normalised mean point error
     */
    public double perImage(float[][] pred, float[][] gt) {
        if (pred.length != gt.length) {
            throw new IllegalArgumentException(
                    "Predicted and true point sets must have the same non-zero size, got " + pred.length
                            + " and " + gt.length);
        }
        double length = fixedLength > 0 ? fixedLength : interOcular(gt);
        return perImage(pred, gt, length);
    }

    /**
     * Returns one image's error normalised by a given length (e.g. a face-box size).
     *
     * @param pred the predicted points, P x 2
     * @param gt the true points, P x 2
     * @param length the normalising length in pixels, {@literal > 0}
     * @return the normalised mean point error
     */
    public double perImage(float[][] pred, float[][] gt, double length) {
        if (pred.length != gt.length || pred.length == 0) {
            throw new IllegalArgumentException(
                    "Predicted and true point sets must have the same non-zero size, got " + pred.length
                            + " and " + gt.length);
        }
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException("The normalising length must be positive, got " + length);
        }
        double sum = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i].length != 2 || gt[i].length != 2) {
                throw new IllegalArgumentException("Point " + i + " is not an (x, y) pair");
            }
            sum += dist(pred[i], gt[i]);
        }
        return sum / pred.length / length;
    }

    /**
     * Measures a set of images given as arrays of shape (N, P, 2) (or one (P, 2) image).
     *
     * @param pred the predicted points
     * @param gt the true points, same shape
     * @return the per-image errors and the set summaries
     */
    public LandmarkErrorSummary compute(NDArray pred, NDArray gt) {
        float[][][] p = toPoints(pred);
        float[][][] g = toPoints(gt);
        if (!pred.getShape().equals(gt.getShape())) {
            throw new IllegalArgumentException(
                    "Predicted and true landmarks must have the same shape, got " + pred.getShape() + " and "
                            + gt.getShape());
        }
        double[] e = new double[p.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = perImage(p[i], g[i]);
        }
        return new LandmarkErrorSummary(e, threshold);
    }

    /**
     * Measures a set of images given as point arrays.
     *
     * @param pred the predicted points per image, each P x 2
     * @param gt the true points per image
     * @return the per-image errors and the set summaries
     */
    public LandmarkErrorSummary compute(float[][][] pred, float[][][] gt) {
        if (pred.length != gt.length) {
            throw new IllegalArgumentException(
                    "Got " + pred.length + " predicted and " + gt.length + " true point sets");
        }
        double[] e = new double[pred.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = perImage(pred[i], gt[i]);
        }
        return new LandmarkErrorSummary(e, threshold);
    }

    /**
     * Summarises per-image errors computed elsewhere with this metric's threshold.
     *
     * @param perImage the normalised errors
     * @return the summaries
     */
    public LandmarkErrorSummary summarize(double[] perImage) {
        return new LandmarkErrorSummary(perImage, threshold);
    }

    /**
     * Returns the threshold.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    private static float[][][] toPoints(NDArray a) {
        Shape s = a.getShape();
        boolean single = s.dimension() == 2;
        if (!(single || s.dimension() == 3) || s.get(s.dimension() - 1) != 2) {
            throw new IllegalArgumentException("Landmarks must have shape (P, 2) or (N, P, 2), got " + s);
        }
        int n = single ? 1 : (int) s.get(0);
        int p = (int) s.get(s.dimension() - 2);
        float[] v;
        if (a.getDataType() == DataType.FLOAT32) {
            v = a.toFloatArray();
        } else {
            try (NDArray f = a.toType(DataType.FLOAT32, false)) {
                v = f.toFloatArray();
            }
        }
        float[][][] out = new float[n][p][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                out[i][j][0] = v[(i * p + j) * 2];
                out[i][j][1] = v[(i * p + j) * 2 + 1];
            }
        }
        return out;
    }

    private static double dist(float[] a, float[] b) {
        double dx = (double) a[0] - b[0];
        double dy = (double) a[1] - b[1];
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Builds a {@link LandmarkError}. */
    public static final class Builder {
        private double threshold = DEFAULT_THRESHOLD;
        private double length = -1;

        private Builder() {}

        /**
         * Sets the threshold of the fraction-below and the CED area (default 0.08).
         *
         * @param threshold the threshold, {@literal > 0}
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /**
         * Normalises every image by this fixed length instead of the inter-ocular distance.
         *
         * @param length the length in pixels, {@literal > 0}
         * @return this builder
         */
        public Builder optNormalizingLength(double length) {
            if (!(length > 0) || Double.isInfinite(length)) {
                throw new IllegalArgumentException("The normalising length must be positive, got " + length);
            }
            this.length = length;
            return this;
        }

        /**
         * Builds the metric.
         *
         * @return the metric
         */
        public LandmarkError build() {
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("optThreshold: must be a positive number, got " + threshold);
            }
            return new LandmarkError(this);
        }
    }
}
