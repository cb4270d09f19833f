package dev.facesr.core.degrade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Base class for degradations computed in plain Java on a {@link FloatImage}.
 *
 * <p>It copies the tensor to Java once, degrades each image of a batch in turn (each drawing
 * from the same generator, in batch order), and copies the result back to the input's manager
 * and device. Subclasses implement {@link #apply(FloatImage, RandomGenerator)} and, when they
 * change the size, {@link #outputHeight(int)} / {@link #outputWidth(int)}.
 */
public abstract class ImageDegradation implements Degradation {

    /**
     * Degrades one image.
     *
     * @param image the input (not modified)
     * @param random the source of all randomness of this call
     * @return a new image
     */
    public abstract FloatImage apply(FloatImage image, RandomGenerator random);

    /** {@inheritDoc} */
    @Override
    public NDArray apply(NDArray image, RandomGenerator random) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(random, "random");
        Shape shape = image.getShape();
        outputShape(shape); // validates rank and size
        NDManager manager = image.getManager();
        NDArray out;
        if (shape.dimension() == 3) {
            out = apply(FloatImage.fromNDArray(image), random).toNDArray(manager);
        } else {
            List<FloatImage> images = FloatImage.fromBatch(image);
            List<FloatImage> degraded = new ArrayList<>(images.size());
            for (FloatImage im : images) {
                degraded.add(apply(im, random));
            }
            out = FloatImage.toBatch(degraded, manager);
        }
        return out.getDevice().equals(image.getDevice()) ? out : out.toDevice(image.getDevice(), false);
    }

    /** {@inheritDoc} */
    @Override
    public Shape outputShape(Shape inputShape) {
        int rank = inputShape.dimension();
        if (rank != 3 && rank != 4) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " expects a CHW image or NCHW batch, got shape "
                            + inputShape);
        }
        long[] dims = inputShape.getShape().clone();
        dims[rank - 2] = outputHeight((int) dims[rank - 2]);
        dims[rank - 1] = outputWidth((int) dims[rank - 1]);
        return new Shape(dims);
    }

    /**
     * Output height for an input height; the default keeps the size.
     *
     * @param inputHeight the input height
     * @return the output height
     */
    protected int outputHeight(int inputHeight) {
        return inputHeight;
    }

    /**
     * Output width for an input width; the default keeps the size.
     *
     * @param inputWidth the input width
     * @return the output width
     */
    protected int outputWidth(int inputWidth) {
        return inputWidth;
    }

    static void checkFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }
}
