package dev.facesr.models.landmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.HeatmapLoss;

/**
 * The training loss of {@link LandmarkHourglass}: the labels are landmark positions, turned into
 * {@link GaussianHeatmaps} targets at the heatmap size, and the {@link HeatmapLoss} (mean squared
 * error) is applied to <em>every</em> stack's heatmaps and summed (intermediate supervision, as
 * in Newell et al.).
 *
 * <p>Inputs: {@code labels = NDList(landmarks)} with landmarks (N, P, 2) in pixels of the network
 * input (pixel-centre convention); {@code predictions} = the hourglass output, one (N, P, h, w)
 * heatmap per stack. Returns a scalar: the sum over stacks of the batch-mean heatmap MSE,
 * multiplied by {@code scale} (the MSE of sparse Gaussian maps is small; scaling only changes the
 * logged figure, not Adam's steps).
 */
public final class StackedHeatmapLoss extends Loss {

    private final GaussianHeatmaps encoder;
    private final HeatmapLoss mse = HeatmapLoss.builder().build();
    private final float scale;
    private final float foreground;

    /**
     * Creates the plain (unweighted) loss.
     *
     * @param encoder the target maker (stride 4 for {@link LandmarkHourglass})
     * @param scale a constant factor on the loss, e.g. 100
     */
    public StackedHeatmapLoss(GaussianHeatmaps encoder, float scale) {
        this(encoder, scale, 0f);
    }

    /**
     * Creates the loss with a foreground weight: each pixel's squared error is multiplied by
     * {@code 1 + foreground * target}, so the pixels near a landmark count up to {@code 1 +
     * foreground} times more than the background. With plain MSE the sparse targets make
     * "all zero" a strong local minimum (a long plateau on a small budget); the weight shortens
     * it.
     *
     * @param encoder the target maker (stride 4 for {@link LandmarkHourglass})
     * @param scale a constant factor on the loss, e.g. 100
     * @param foreground the foreground weight, {@code >= 0} (0 = plain MSE)
     */
    public StackedHeatmapLoss(GaussianHeatmaps encoder, float scale, float foreground) {
        super("heatmaps");
        if (!(foreground >= 0f) || Float.isInfinite(foreground)) {
            throw new IllegalArgumentException(
                    "StackedHeatmapLoss foreground weight must be >= 0, got " + foreground);
        }
        this.encoder = encoder;
        this.scale = scale;
        this.foreground = foreground;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (labels.isEmpty() || predictions.isEmpty()) {
            throw new IllegalArgumentException(
                    "StackedHeatmapLoss needs labels (landmarks) and at least one heatmap output");
        }
        NDArray first = predictions.get(0);
        if (first.getShape().dimension() != 4) {
            throw new IllegalArgumentException(
                    "StackedHeatmapLoss expects heatmaps (N, P, h, w), got " + first.getShape());
        }
        int h = (int) first.getShape().get(2);
        int w = (int) first.getShape().get(3);
        NDArray target = encoder.encode(labels.get(0), h, w).stopGradient();
        NDArray weight = foreground > 0f ? target.mul(foreground).add(1f) : null;
        NDArray total = null;
        for (NDArray stack : predictions) {
            NDArray l = weight == null
                    ? mse.evaluate(new NDList(target), new NDList(stack))
                    : stack.sub(target).square().mul(weight).mean();
            total = total == null ? l : total.add(l);
        }
        return total.mul(scale);
    }
}
