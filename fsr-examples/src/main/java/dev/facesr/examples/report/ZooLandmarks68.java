package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.models.zoo.ZooLandmarkEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's landmark estimator: the shipped {@code landmarks68} zoo model through {@link
 * ZooLandmarkEstimator}. Each face crop is taken whole as the face box (framed like the training
 * crops), then re-cut once around the predicted points in the training framing. Registered for
 * {@link java.util.ServiceLoader}, so {@code ./fsr report} measures landmark error on Helen-50.
 * Creating it fails with an {@link IllegalStateException} saying so when fsr-models holds no
 * trained {@code landmarks68} weights.
 */
public final class ZooLandmarks68 implements LandmarkEstimator {

    private final ZooLandmarkEstimator estimator;

    /**
     * Loads the shipped model.
     *
     * @throws IllegalStateException when there are no trained weights
     */
    public ZooLandmarks68() {
        this.estimator = ZooLandmarkEstimator.load(ZooLandmarkEstimator.Framing.TRAINING_CROP, 1);
    }

    /** {@inheritDoc} */
    @Override
    public float[][][] estimate(List<Image> faces) {
        List<FloatImage> photos = new ArrayList<>(faces.size());
        List<BoundingBox> boxes = new ArrayList<>(faces.size());
        for (Image f : faces) {
            photos.add(ImageConversions.fromDjlImage(f));
            boxes.add(new BoundingBox(0, 0, f.getWidth(), f.getHeight()));
        }
        return estimator.estimateAll(photos, boxes).toArray(new float[0][][]);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "landmarks68 " + estimator.card().version();
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        estimator.close();
    }
}
