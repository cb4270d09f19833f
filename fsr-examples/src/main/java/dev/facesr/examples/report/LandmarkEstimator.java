package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import java.util.List;

/**
 * Estimates 68 landmarks (300-W order) on face crops, for the landmark-error section of the
 * report: how much of the face geometry survives super-resolution.
 *
 * <p>Points follow the project convention: pixels of the image they belong to, pixel-centre
 * ((0,0) is the centre of the top-left pixel), x right, y down. Implementations may also be
 * registered for {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.facesr.examples.report.LandmarkEstimator}; {@code ./fsr report} uses the
 * first one found, and says "not measured (no landmark model)" when there is none.
 */
@FunctionalInterface
public interface LandmarkEstimator extends AutoCloseable {

    /**
     * Estimates landmarks on a batch of faces.
     *
     * @param faces RGB face crops
     * @return points of shape (N, 68, 2): {@code [image][point] = {x, y}}
     */
    float[][][] estimate(List<Image> faces);

    /**
     * The estimator's name for the report.
     *
     * @return a short name; by default the class name
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Frees the estimator's native memory; the default does nothing. */
    @Override
    default void close() {}
}
