package dev.facesr.models.recognition;

import java.util.List;

/** Checks and normalisation of embedding vectors (package-private helper). */
final class Embeddings {
    private Embeddings() {}

    /**
     * Checks an embedding and returns an L2-normalised copy.
     *
     * @param v the embedding
     * @param dimension the expected length
     * @param what what the embedding is, for the message
     * @return the unit-length copy
     * @throws IllegalArgumentException if the length is wrong, a value is not finite or it is zero
     */
    static float[] normalized(float[] v, int dimension, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " values, expected " + dimension);
        }
        double sq = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " has a non-finite value at " + i + ": " + v[i]);
            }
            sq += (double) v[i] * v[i];
        }
        if (sq == 0) {
            throw new IllegalArgumentException(what + " is the zero vector; its direction is undefined");
        }
        double inv = 1 / Math.sqrt(sq);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    /** The re-normalised mean of unit vectors. */
    static float[] meanTemplate(List<float[]> unit, String name) {
        int d = unit.get(0).length;
        double[] sum = new double[d];
        for (float[] v : unit) {
            for (int i = 0; i < d; i++) {
                sum[i] += v[i];
            }
        }
        float[] mean = new float[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) sum[i];
        }
        return normalized(mean, d, "the mean embedding of '" + name + "' (its images cancel out)");
    }

    /** Dot product in double precision (cosine similarity of unit vectors). */
    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return Math.max(-1, Math.min(1, s));
    }
}
