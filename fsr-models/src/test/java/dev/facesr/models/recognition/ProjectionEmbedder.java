package dev.facesr.models.recognition;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.facade.image.RgbImages;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic test embedder (test code only): the crop is reduced to 8x8 RGB with MATLAB
 * bicubic, centred (its mean removed) and projected with a fixed seeded Gaussian matrix. Crops of
 * the same synthetic pattern give nearly parallel embeddings; different patterns nearly
 * orthogonal ones. Thread-safe (no mutable state except counters).
 */
public final class ProjectionEmbedder implements FaceEmbedder {
    static final int SIDE = 8;
    private final int dimension;
    private final float[][] projection;
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger calls = new AtomicInteger();
    /** The sizes of the crops received last (for checking which path was taken). */
    volatile int lastWidth;

    ProjectionEmbedder(int dimension, long seed) {
        this.dimension = dimension;
        Random r = new Random(seed);
        projection = new float[dimension][3 * SIDE * SIDE];
        for (float[] row : projection) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
    }

    ProjectionEmbedder() {
        this(32, 42);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(Image crop) {
        if (closed.get()) {
            throw new IllegalStateException("embedder closed");
        }
        calls.incrementAndGet();
        lastWidth = crop.getWidth();
        FloatImage small = MatlabResize.resize(RgbImages.fromDjl(crop), SIDE, SIDE);
        float[] x = small.data();
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        float[] out = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += projection[d][i] * (x[i] - mean);
            }
            out[d] = (float) s;
        }
        return out;
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
