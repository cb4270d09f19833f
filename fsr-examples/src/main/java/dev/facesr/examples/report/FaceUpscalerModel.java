package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline {@link FaceUpscaler} (e.g. a shipped model from the model zoo) as a report model. Its
 * scale is {@code outputSize / inputSize}; the report's low-resolution faces must be {@code
 * inputSize} pixels square (128 / scale for the report's 128x128 ground truth). A zoo model that
 * takes any input size ({@link ZooFaceUpscaler#acceptsAnyInputSize()}, the cross-domain model)
 * also serves every scale of {@link QualityReport#CELEBA_VAL_SCALES}.
 */
public final class FaceUpscalerModel implements ReportModel {

    private final String name;
    private final FaceUpscaler upscaler;
    private final String description;
    private final boolean owned;
    private final Set<Double> scales;

    /**
     * Wraps an upscaler.
     *
     * @param upscaler the upscaler
     * @param description where it came from, for the report
     * @param owned whether {@link #close()} closes the upscaler too
     */
    public FaceUpscalerModel(FaceUpscaler upscaler, String description, boolean owned) {
        this(upscaler.name(), upscaler, description, owned);
    }

    /**
     * Wraps an upscaler under another name (e.g. {@code fsr-x8+flip} for a model run with a
     * test-time augmentation).
     *
     * @param name the report's name of the model
     * @param upscaler the upscaler
     * @param description where it came from, for the report
     * @param owned whether {@link #close()} closes the upscaler too
     */
    public FaceUpscalerModel(String name, FaceUpscaler upscaler, String description, boolean owned) {
        this.name = Objects.requireNonNull(name, "name");
        this.upscaler = Objects.requireNonNull(upscaler, "upscaler");
        this.description = Objects.requireNonNull(description, "description");
        this.owned = owned;
        Set<Double> all = new TreeSet<>();
        all.add((double) upscaler.outputSize() / upscaler.inputSize());
        if (upscaler instanceof ZooFaceUpscaler zoo && zoo.acceptsAnyInputSize()) {
            for (double s : QualityReport.CELEBA_VAL_SCALES) {
                if (upscaler.outputSize() / s >= 1) {
                    all.add(s);
                }
            }
        }
        this.scales = Set.copyOf(all);
        if (upscaler.inputSize() < 1 || upscaler.outputSize() <= upscaler.inputSize()) {
            throw new IllegalArgumentException("Upscaler " + upscaler.name() + " maps " + upscaler.inputSize() + " to "
                    + upscaler.outputSize() + " pixels; the report needs an enlarging model");
        }
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} {@code outputSize / inputSize}, and more for a model that takes any size. */
    @Override
    public Set<Double> scales() {
        return scales;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return description;
    }

    /** {@inheritDoc} */
    @Override
    public List<Image> upscale(List<Image> lr, double scale) {
        if (!supports(scale)) {
            throw new IllegalArgumentException(name() + " handles scale " + scales() + " only, got " + scale);
        }
        return upscaler.upscale(lr);
    }

    /** Closes the upscaler when this model owns it. */
    @Override
    public void close() {
        if (owned) {
            upscaler.close();
        }
    }
}
