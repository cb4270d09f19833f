package dev.facesr.examples.recognition;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only resolver registered for the ServiceLoader in test resources: {@code test-grid} (a
 * 6x6 colour grid, 108-d, with a low-resolution student computing the same function) and {@code
 * test-grid-small} (3x3, 27-d, no student). Deterministic: an embedding is the crop reduced to the
 * grid with MATLAB bicubic, minus its mean.
 */
public final class GridEmbedderResolver implements EmbedderResolver {
    /** The main test model. */
    public static final String GRID = "test-grid";
    /** Another model, for foreign-gallery tests. */
    public static final String SMALL = "test-grid-small";
    /** Embedders opened and not yet closed (to check the commands close them). */
    public static final AtomicInteger OPEN = new AtomicInteger();

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(List.of(GRID, SMALL));
    }

    @Override
    public FaceEmbedder open(String name) {
        if (GRID.equals(name)) {
            return new Grid(6);
        }
        if (SMALL.equals(name)) {
            return new Grid(3);
        }
        throw new IllegalArgumentException("unknown " + name);
    }

    @Override
    public Optional<FaceEmbedder> openLowResolution(String name) {
        return GRID.equals(name) ? Optional.of(new Grid(6)) : Optional.empty();
    }

    static final class Grid implements FaceEmbedder {
        private final int side;

        Grid(int side) {
            this.side = side;
            OPEN.incrementAndGet();
        }

        @Override
        public int dimension() {
            return 3 * side * side;
        }

        @Override
        public float[] embed(Image crop) {
            FloatImage small = MatlabResize.resize(ImageConversions.fromDjlImage(crop), side, side);
            float[] x = small.data().clone();
            double mean = 0;
            for (float v : x) {
                mean += v;
            }
            mean /= x.length;
            for (int i = 0; i < x.length; i++) {
                x[i] -= (float) mean;
            }
            return x;
        }

        @Override
        public void close() {
            OPEN.decrementAndGet();
        }
    }
}
