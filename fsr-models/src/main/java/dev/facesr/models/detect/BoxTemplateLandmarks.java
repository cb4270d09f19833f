package dev.facesr.models.detect;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.LandmarkEstimator;
import dev.facesr.core.pipeline.Landmarks;
import java.util.Objects;

/**
 * An <b>approximate</b> 5-point {@link LandmarkEstimator} that does not look at the photo: it
 * places each point at a fixed relative position inside the face box, the mean position measured
 * for one detector. It lets a box-only detector such as {@link HaarFaceDetector} drive the FaceSR
 * aligner until a trained landmark estimator is used; it cannot follow a face turned, tilted or
 * rolled inside its box, so alignment is only as good as the detector's boxes are consistent.
 * Choose it explicitly: FaceSR never falls back to it.
 *
 * <p>{@link #forHaarAlt2()} uses offsets calibrated for {@link HaarFaceDetector} with its default
 * settings on the 300-W faces of {@code landmarks68/images/train} (ground truth reduced to 5
 * points by {@link Landmarks#toFivePoint()}); the mean error there is given in {@link
 * #HAAR_ALT2_OFFSETS} and in docs/detection.md. Points are {@code x = box.x + u * box.width - 0.5},
 * {@code y = box.y + v * box.height - 0.5} (box edges on pixel edges, points in the pixel-centre
 * convention). Immutable and thread-safe.
 */
public final class BoxTemplateLandmarks implements LandmarkEstimator {

    /**
     * The relative positions {@code u0, v0, ..., u4, v4} (fractions of the box width and height
     * from its top-left edge) of image-left eye centre, image-right eye centre, nose tip,
     * image-left and image-right mouth corner in a default {@link HaarFaceDetector} box: means over
     * the 1,354 of the 1,486 {@code landmarks68/images/train} faces whose 5 ground-truth points all
     * fall in a detected box (the best-scored such box). Mean error there: 0.101 of the
     * outer-eye-corner distance (also 0.101 when fitted on one half and measured on the other),
     * measured by {@code
     * BoxTemplateLandmarksDataTest#calibrateOnAllTrainFaces} (docs/detection.md).
     */
    public static final double[] HAAR_ALT2_OFFSETS = {
        0.3088, 0.3862, 0.6983, 0.3808, 0.5097, 0.5967, 0.3350, 0.7909, 0.6811, 0.7857
    };

    private final double[] offsets;

    private BoxTemplateLandmarks(double[] offsets) {
        this.offsets = offsets;
    }

    /**
     * The estimator calibrated for {@link HaarFaceDetector}'s default settings.
     *
     * @return the estimator
     */
    public static BoxTemplateLandmarks forHaarAlt2() {
        return new BoxTemplateLandmarks(HAAR_ALT2_OFFSETS.clone());
    }

    /**
     * An estimator with your own relative positions (e.g. calibrated for another detector).
     *
     * @param uv 10 finite values {@code u0, v0, ..., u4, v4}, fractions of the box (usually in [0, 1])
     * @return the estimator
     * @throws IllegalArgumentException if there are not 10 finite values
     */
    public static BoxTemplateLandmarks of(double... uv) {
        Objects.requireNonNull(uv, "uv");
        if (uv.length != 2 * Landmarks.FIVE) {
            throw new IllegalArgumentException("A box template needs 10 values (u, v for 5 points), got " + uv.length);
        }
        for (double d : uv) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Box template values must be finite, got " + d);
            }
        }
        return new BoxTemplateLandmarks(uv.clone());
    }

    /**
     * Returns a copy of the relative positions {@code u0, v0, ..., u4, v4}.
     *
     * @return the offsets
     */
    public double[] offsets() {
        return offsets.clone();
    }

    /** {@inheritDoc} */
    @Override
    public int pointCount() {
        return Landmarks.FIVE;
    }

    /**
     * Places the 5 points in the box; the photo is not looked at.
     *
     * @param photo the photo (unused, may be any image)
     * @param box the face box in photo pixels
     * @return 5 landmarks in photo pixels
     */
    @Override
    public Landmarks estimate(Image photo, BoundingBox box) {
        return place(box);
    }

    /**
     * Places the 5 points in a box.
     *
     * @param box the face box in photo pixels
     * @return 5 landmarks in photo pixels
     */
    public Landmarks place(BoundingBox box) {
        Objects.requireNonNull(box, "box");
        double[] xy = new double[2 * Landmarks.FIVE];
        for (int i = 0; i < Landmarks.FIVE; i++) {
            xy[2 * i] = box.x() + offsets[2 * i] * box.width() - 0.5;
            xy[2 * i + 1] = box.y() + offsets[2 * i + 1] * box.height() - 0.5;
        }
        return Landmarks.of(xy);
    }
}
