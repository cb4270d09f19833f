package dev.facesr.models.landmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Makes the Gaussian target heatmaps for landmark training: for landmark p at image position
 * (x, y), heatmap p holds {@code exp(-((u - cx)^2 + (v - cy)^2) / (2 sigma^2))} at heatmap pixel
 * (u, v), peak 1 at the landmark.
 *
 * <p>Coordinates follow the pixel-centre convention in both grids: heatmap pixel u covers image
 * pixels {@code [stride u, stride u + stride - 1]}, so its centre is at image x = {@code stride u +
 * (stride - 1) / 2}, i.e. {@code cx = (x - (stride - 1) / 2) / stride}. {@link HeatmapDecoder}
 * uses the inverse mapping, so encoding and decoding round-trip. Sigma is in heatmap pixels. The
 * arrays are built with NDArray operations on the landmarks' device.
 */
public final class GaussianHeatmaps {

    private final int stride;
    private final float sigma;

    /**
     * Creates a generator.
     *
     * @param stride image pixels per heatmap pixel (4 for {@link LandmarkHourglass})
     * @param sigma the Gaussian's standard deviation in heatmap pixels, e.g. 1 to 2
     * @throws IllegalArgumentException when stride or sigma is not positive
     */
    public GaussianHeatmaps(int stride, float sigma) {
        if (stride < 1) {
            throw new IllegalArgumentException(
                    "GaussianHeatmaps stride must be >= 1, got " + stride);
        }
        if (!(sigma > 0f) || Float.isInfinite(sigma)) {
            throw new IllegalArgumentException(
                    "GaussianHeatmaps sigma must be a positive number of heatmap pixels, got "
                            + sigma);
        }
        this.stride = stride;
        this.sigma = sigma;
    }

    /**
     * Returns the stride.
     *
     * @return image pixels per heatmap pixel
     */
    public int getStride() {
        return stride;
    }

    /**
     * Returns sigma.
     *
     * @return the standard deviation in heatmap pixels
     */
    public float getSigma() {
        return sigma;
    }

    /**
     * Encodes landmarks into target heatmaps.
     *
     * @param landmarks (N, P, 2) or (P, 2) (x, y) positions in pixels of the input image
     * @param height the heatmap height (input height / stride)
     * @param width the heatmap width (input width / stride)
     * @return (N, P, height, width) or (P, height, width) float32 heatmaps on the landmarks'
     *     manager
     * @throws IllegalArgumentException when the landmarks are not (.., P, 2) or the size is not
     *     positive
     */
    public NDArray encode(NDArray landmarks, int height, int width) {
        Shape s = landmarks.getShape();
        if ((s.dimension() != 2 && s.dimension() != 3) || s.get(s.dimension() - 1) != 2) {
            throw new IllegalArgumentException(
                    "GaussianHeatmaps.encode expects landmarks of shape (N, P, 2) or (P, 2), got "
                            + s);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "Heatmap size must be positive, got " + height + " x " + width);
        }
        NDManager m = landmarks.getManager();
        NDArray points = landmarks.toType(DataType.FLOAT32, false);
        boolean single = s.dimension() == 2;
        if (single) {
            points = points.expandDims(0);
        }
        float half = (stride - 1) / 2f;
        NDArray centres = points.sub(half).div(stride); // (N, P, 2) in heatmap pixels
        long n = centres.getShape().get(0);
        long p = centres.getShape().get(1);
        NDArray cx = centres.get(":, :, 0").reshape(n, p, 1, 1);
        NDArray cy = centres.get(":, :, 1").reshape(n, p, 1, 1);
        NDArray us = m.arange(0f, (float) width, 1f).toDevice(points.getDevice(), false)
                .reshape(1, 1, 1, width);
        NDArray vs = m.arange(0f, (float) height, 1f).toDevice(points.getDevice(), false)
                .reshape(1, 1, height, 1);
        NDArray d2 = us.sub(cx).square().add(vs.sub(cy).square());
        NDArray maps = d2.div(-2f * sigma * sigma).exp();
        return single ? maps.squeeze(0) : maps;
    }
}
