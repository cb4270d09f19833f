package dev.facesr.models.landmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.facesr.core.train.ValidationMetric;
import dev.facesr.metrics.landmark.LandmarkError;

/**
 * Validation figure for {@link LandmarkHourglass}: decodes the last stack's heatmaps with {@link
 * HeatmapDecoder} and returns the batch-mean NME ({@link LandmarkError}, normalised by the
 * ground-truth outer-eye-corner distance for 68 points) against the label landmarks (N, P, 2).
 */
public final class LandmarkNme implements ValidationMetric {

    private final String name;
    private final HeatmapDecoder decoder;
    private final LandmarkError error = LandmarkError.builder().build();

    /**
     * Creates the metric.
     *
     * @param name the figure name, e.g. {@code nme}
     * @param decoder the heatmap decoder
     */
    public LandmarkNme(String name, HeatmapDecoder decoder) {
        this.name = name;
        this.decoder = decoder;
    }

    /** {@inheritDoc} */
    @Override
    public String getName() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public double evaluate(NDList labels, NDList predictions) {
        NDArray pred = decoder.decode(predictions.get(predictions.size() - 1));
        return error.compute(pred, labels.get(0)).mean();
    }
}
