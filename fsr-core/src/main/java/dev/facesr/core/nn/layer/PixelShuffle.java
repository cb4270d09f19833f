package dev.facesr.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Pixel shuffle (depth-to-space) with reshape and transpose, in the same pixel order as PyTorch's
 * {@code nn.PixelShuffle}: {@code out[n, c, h * r + i, w * r + j] = in[n, c * r * r + i * r + j,
 * h, w]}.
 */
public final class PixelShuffle {

    private PixelShuffle() {}

    /**
     * Rearranges (N, C * r * r, H, W) into (N, C, H * r, W * r).
     *
     * @param x the input, 4-D
     * @param factor the factor r, at least 1
     * @return the shuffled array
     * @throws IllegalArgumentException when the shape does not fit the factor
     */
    public static NDArray apply(NDArray x, int factor) {
        Shape out = outputShape(x.getShape(), factor);
        Shape in = x.getShape();
        long n = in.get(0);
        long c = out.get(1);
        long h = in.get(2);
        long w = in.get(3);
        return x.reshape(n, c, factor, factor, h, w)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(n, c, h * factor, w * factor);
    }

    /**
     * Computes the output shape of {@link #apply}.
     *
     * @param in the input shape (N, C * r * r, H, W)
     * @param factor the factor r
     * @return (N, C, H * r, W * r)
     * @throws IllegalArgumentException when the shape does not fit the factor
     */
    public static Shape outputShape(Shape in, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("Pixel shuffle factor must be >= 1, got " + factor);
        }
        if (in.dimension() != 4 || in.get(1) % ((long) factor * factor) != 0) {
            throw new IllegalArgumentException(
                    "Pixel shuffle by " + factor + " needs an NCHW input whose channels are a "
                            + "multiple of " + factor * factor + ", got shape " + in);
        }
        return new Shape(
                in.get(0), in.get(1) / ((long) factor * factor), in.get(2) * factor,
                in.get(3) * factor);
    }
}
