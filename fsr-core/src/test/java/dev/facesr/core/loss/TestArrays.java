package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Deterministic small arrays for loss tests. */
final class TestArrays {

    private TestArrays() {}

    /** Uniform values in [low, high) from a seeded Java RNG, so tests do not depend on the engine. */
    static NDArray uniform(NDManager manager, long seed, float low, float high, long... shape) {
        Shape s = new Shape(shape);
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextFloat();
        }
        return manager.create(values, s);
    }

    /** Normal values with a given deviation, seeded. */
    static NDArray normal(NDManager manager, long seed, float deviation, long... shape) {
        Shape s = new Shape(shape);
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * deviation;
        }
        return manager.create(values, s);
    }

    /** A batch of NCHW images that equal their horizontal mirror image. */
    static NDArray symmetric(NDManager manager, long seed, long... shape) {
        NDArray half = uniform(manager, seed, 0, 1, shape);
        return half.add(half.flip(3)).div(2f);
    }
}
