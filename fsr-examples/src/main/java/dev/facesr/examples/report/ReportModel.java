package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import java.util.List;
import java.util.Set;

/**
 * A super-resolution model as the quality report sees it: a name, the scales it handles, and a
 * batch call from low-resolution faces to restored faces.
 *
 * <p>The report always passes the true low-resolution faces (the ground truth shrunk by {@code
 * scale} with MATLAB bicubic, 8-bit). A fixed-scale model handles only the scales in {@link
 * #scales()}; a model serving any scale ({@link #scales()} empty) enlarges its input to the
 * output size with MATLAB bicubic itself, as a refinement network expects. The output of {@code
 * upscale(lr, s)} is {@code MatlabResize.outputSize(side, s)} pixels per side (128 for 16 at 8,
 * 32 at 4 and 20 at 6.4), 8-bit RGB. Not thread-safe unless an implementation says so.
 */
public interface ReportModel extends AutoCloseable {

    /**
     * The name used on the command line and in the report rows.
     *
     * @return e.g. {@code bicubic} or {@code fsr-x8}
     */
    String name();

    /**
     * The scales this model handles.
     *
     * @return the scale factors (e.g. {@code [8.0]}), or an empty set for a model serving any scale
     */
    Set<Double> scales();

    /**
     * Tells whether this model handles a scale factor.
     *
     * @param scale the factor, e.g. 8 or 6.4
     * @return true when {@link #scales()} is empty or contains {@code scale}
     */
    default boolean supports(double scale) {
        return scales().isEmpty() || scales().contains(scale);
    }

    /**
     * One line about what the model is, for the report (e.g. where its weights came from).
     *
     * @return a short description
     */
    String description();

    /**
     * Super-resolves a batch of low-resolution faces.
     *
     * @param lr the low-resolution RGB faces, all the same size
     * @param scale the scale factor, one this model {@link #supports(double) supports}
     * @return the restored faces, in order, each {@code MatlabResize.outputSize(side, scale)} square
     * @throws IllegalArgumentException for an unsupported scale or input size
     */
    List<Image> upscale(List<Image> lr, double scale);

    /** Frees native memory held by the model; the default does nothing. */
    @Override
    default void close() {}
}
