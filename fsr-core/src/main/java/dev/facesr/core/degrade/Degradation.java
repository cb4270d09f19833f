package dev.facesr.core.degrade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Maps a high-resolution image tensor to its degraded (usually low-resolution) version.
 *
 * <p>Input: one image as CHW or a batch as NCHW, float32, values in [0, 1]. The output has the
 * same layout, lives on the input's manager and device, and has the shape {@link
 * #outputShape(Shape)} gives. All randomness comes from the generator passed in ({@link
 * java.util.Random} and {@link SplittableRandom} both implement {@link RandomGenerator}), never
 * from the engine's global random state, so the same generator state gives the same output. In a
 * batch each image draws its own random parameters, one image after the other.
 *
 * <p>Implementations must be immutable and thread-safe: datasets call them from several loader
 * threads at once. A learned high-to-low generator can implement this interface as well; it
 * should seed whatever noise it draws from the given generator.
 */
public interface Degradation {

    /**
     * Degrades an image or a batch.
     *
     * @param image a CHW image or NCHW batch, float32 RGB in [0, 1]
     * @param random the source of all randomness of this call
     * @return the degraded image(s), attached to the input's manager
     * @throws IllegalArgumentException if the tensor is not CHW/NCHW or its size is not supported
     */
    NDArray apply(NDArray image, RandomGenerator random);

    /**
     * Degrades an image or a batch with a fresh {@link SplittableRandom} seeded by {@code seed}.
     *
     * @param image a CHW image or NCHW batch, float32 RGB in [0, 1]
     * @param seed the seed; the same seed gives the same output
     * @return the degraded image(s)
     */
    default NDArray apply(NDArray image, long seed) {
        return apply(image, new SplittableRandom(seed));
    }

    /**
     * Returns the shape of the output for an input of the given shape (CHW or NCHW).
     *
     * @param inputShape the input shape
     * @return the output shape
     * @throws IllegalArgumentException if the shape is not CHW/NCHW or its size is not supported
     */
    Shape outputShape(Shape inputShape);
}
