package dev.facesr.models.landmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Decodes landmark heatmaps into (x, y) pixel positions of the input image (pixel-centre
 * convention, the inverse of the {@link GaussianHeatmaps} mapping: image x = {@code stride u +
 * (stride - 1) / 2}). Each heatmap's argmax is refined to sub-pixel precision with one of the
 * {@link Refinement} methods.
 */
public final class HeatmapDecoder {

    /** How the integer argmax is refined. */
    public enum Refinement {
        /** No refinement: the argmax pixel's centre. */
        NONE,
        /**
         * Newell et al.: a quarter heatmap pixel towards the higher neighbour on each axis (error
         * up to 0.25 heatmap pixels).
         */
        QUARTER_OFFSET,
        /**
         * A parabola through the logarithms of the argmax and its two neighbours on each axis:
         * exact for Gaussian heatmaps, falls back to the quarter offset when a neighbour is not
         * positive.
         */
        GAUSSIAN_FIT
    }

    private final int stride;
    private final Refinement refinement;

    /**
     * Creates a decoder.
     *
     * @param stride image pixels per heatmap pixel (4 for {@link LandmarkHourglass})
     * @param refinement the sub-pixel refinement
     * @throws IllegalArgumentException when stride is not positive or refinement is null
     */
    public HeatmapDecoder(int stride, Refinement refinement) {
        if (stride < 1) {
            throw new IllegalArgumentException("HeatmapDecoder stride must be >= 1, got " + stride);
        }
        if (refinement == null) {
            throw new IllegalArgumentException(
                    "HeatmapDecoder refinement must not be null; use Refinement.GAUSSIAN_FIT");
        }
        this.stride = stride;
        this.refinement = refinement;
    }

    /**
     * Decodes a batch of heatmaps.
     *
     * @param heatmaps (N, P, h, w) or (P, h, w) heatmaps
     * @return (N, P, 2) or (P, 2) float32 (x, y) positions in input-image pixels, on the heatmaps'
     *     manager
     * @throws IllegalArgumentException when the array is not 3-D or 4-D
     */
    public NDArray decode(NDArray heatmaps) {
        Shape s = heatmaps.getShape();
        if (s.dimension() != 3 && s.dimension() != 4) {
            throw new IllegalArgumentException(
                    "HeatmapDecoder expects heatmaps (N, P, h, w) or (P, h, w), got " + s);
        }
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        int maps = (int) (s.size() / ((long) h * w));
        float[] data = heatmaps.toType(DataType.FLOAT32, false).toFloatArray();
        float[] out = new float[maps * 2];
        for (int k = 0; k < maps; k++) {
            float[] xy = decodeOne(data, k * h * w, h, w);
            out[2 * k] = xy[0];
            out[2 * k + 1] = xy[1];
        }
        NDManager m = heatmaps.getManager();
        Shape outShape =
                s.dimension() == 4 ? new Shape(s.get(0), s.get(1), 2) : new Shape(s.get(0), 2);
        return m.create(out, outShape).toDevice(heatmaps.getDevice(), false);
    }

    /**
     * Decodes one heatmap stored row-major in an array.
     *
     * @param data the values
     * @param offset the index of the heatmap's first value
     * @param h the heatmap height
     * @param w the heatmap width
     * @return {x, y} in input-image pixels
     */
    float[] decodeOne(float[] data, int offset, int h, int w) {
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < h * w; i++) {
            float v = data[offset + i];
            if (v > max) {
                max = v;
                best = i;
            }
        }
        int v = best / w;
        int u = best % w;
        float du = 0f;
        float dv = 0f;
        if (refinement != Refinement.NONE) {
            if (u > 0 && u < w - 1) {
                du = offset(data[offset + best - 1], max, data[offset + best + 1]);
            }
            if (v > 0 && v < h - 1) {
                dv = offset(data[offset + best - w], max, data[offset + best + w]);
            }
        }
        float half = (stride - 1) / 2f;
        return new float[] {stride * (u + du) + half, stride * (v + dv) + half};
    }

    private float offset(float left, float centre, float right) {
        if (refinement == Refinement.GAUSSIAN_FIT && left > 0f && right > 0f && centre > 0f) {
            double l = Math.log(left);
            double c = Math.log(centre);
            double r = Math.log(right);
            double curvature = l - 2 * c + r;
            if (curvature < 0) {
                double d = 0.5 * (l - r) / curvature;
                return (float) Math.max(-0.5, Math.min(0.5, d));
            }
        }
        if (right > left) {
            return 0.25f;
        }
        return right < left ? -0.25f : 0f;
    }
}
