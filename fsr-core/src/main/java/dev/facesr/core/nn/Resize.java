package dev.facesr.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Differentiable resizing of NCHW tensors with plain NDArray operations, so it runs on any engine
 * and device: the result is {@code Ry @ x @ Rx^T} with small interpolation matrices built for the
 * input and output sizes. Sampling matches PyTorch's {@code F.interpolate} for
 * {@link ResizeMode#NEAREST} and for {@link ResizeMode#BILINEAR} with {@code
 * align_corners=False} (no antialiasing when shrinking).
 */
public final class Resize {

    private Resize() {}

    /**
     * Resizes a batch of images.
     *
     * @param x the images, shape (N, C, H, W), any float type, any device
     * @param height the output height, at least 1
     * @param width the output width, at least 1
     * @param mode how to sample
     * @return the resized images, shape (N, C, height, width), on {@code x}'s device and manager
     * @throws IllegalArgumentException when {@code x} is not 4-D or a size is below 1
     */
    public static NDArray resize(NDArray x, long height, long width, ResizeMode mode) {
        Shape shape = x.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    "Resize expects an NCHW tensor with 4 dimensions, got shape " + shape);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "Resize output size must be at least 1x1, got " + height + "x" + width);
        }
        long inHeight = shape.get(2);
        long inWidth = shape.get(3);
        if (inHeight == height && inWidth == width) {
            return x;
        }
        NDArray rows = matrix(x, inHeight, height, mode); // (height, inHeight)
        NDArray cols = matrix(x, inWidth, width, mode).transpose(); // (inWidth, width)
        return rows.matMul(x).matMul(cols);
    }

    /**
     * Computes the (out x in) interpolation matrix used along one axis.
     *
     * @param in the input length
     * @param out the output length
     * @param mode how to sample
     * @return row-major weights, {@code out * in} values; each row sums to 1
     */
    public static float[] weights(long in, long out, ResizeMode mode) {
        int n = Math.toIntExact(in);
        int m = Math.toIntExact(out);
        float[] w = new float[m * n];
        double scale = (double) in / out;
        for (int i = 0; i < m; i++) {
            if (mode == ResizeMode.NEAREST) {
                int src = Math.min((int) Math.floor(i * scale), n - 1);
                w[i * n + src] = 1f;
            } else {
                double src = Math.max((i + 0.5) * scale - 0.5, 0);
                int i0 = Math.min((int) Math.floor(src), n - 1);
                int i1 = Math.min(i0 + 1, n - 1);
                float lambda = (float) (src - i0);
                w[i * n + i0] += 1f - lambda;
                w[i * n + i1] += lambda;
            }
        }
        return w;
    }

    private static NDArray matrix(NDArray like, long in, long out, ResizeMode mode) {
        return like.getManager()
                .create(weights(in, out, mode), new Shape(out, in))
                .toDevice(like.getDevice(), false)
                .toType(like.getDataType(), false);
    }
}
