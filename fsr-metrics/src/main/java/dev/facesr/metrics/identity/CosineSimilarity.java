package dev.facesr.metrics.identity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Cosine similarity, {@code a.b / (|a| |b|)}, in [-1, 1]; computed in double precision. */
public final class CosineSimilarity {
    private CosineSimilarity() {}

    /**
     * Returns the cosine similarity of two vectors.
     *
     * @param a a vector
     * @param b a vector of the same length
     * @return the cosine similarity
     * @throws IllegalArgumentException if the lengths differ or a vector is zero
     */
    public static double of(float[] a, float[] b) {
        return of(a, 0, b, 0, a.length, b.length);
    }

    private static double of(float[] a, int oa, float[] b, int ob, int n, int nb) {
        if (n != nb || n == 0) {
            throw new IllegalArgumentException(
                    "Embeddings must have the same non-zero length, got " + n + " and " + nb);
        }
        double dot = 0;
        double na = 0;
        double nbb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[oa + i];
            double y = b[ob + i];
            dot += x * y;
            na += x * x;
            nbb += y * y;
        }
        if (na == 0 || nbb == 0) {
            throw new IllegalArgumentException("Cosine similarity is undefined for a zero embedding");
        }
        return dot / Math.sqrt(na * nbb);
    }

    /**
     * Returns the cosine similarity of each row pair of two (N, D) arrays (or two D vectors).
     *
     * @param a the first embeddings
     * @param b the second embeddings, same shape
     * @return N similarities
     */
    public static double[] rows(NDArray a, NDArray b) {
        Shape s = a.getShape();
        if (!s.equals(b.getShape()) || (s.dimension() != 1 && s.dimension() != 2)) {
            throw new IllegalArgumentException(
                    "Expected two (N, D) or (D) embedding arrays of the same shape, got " + s + " and "
                            + b.getShape());
        }
        int n = s.dimension() == 1 ? 1 : (int) s.get(0);
        int d = (int) s.get(s.dimension() - 1);
        float[] va = floats(a);
        float[] vb = floats(b);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = of(va, i * d, vb, i * d, d, d);
        }
        return out;
    }

    static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (NDArray f = a.toType(DataType.FLOAT32, false)) {
            return f.toFloatArray();
        }
    }
}
