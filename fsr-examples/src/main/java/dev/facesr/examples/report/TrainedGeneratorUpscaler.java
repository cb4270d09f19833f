package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.metrics.image.MatlabResize;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A trained generator folder (as {@link TrainedGeneratorModel} loads it: {@code <name>.params} +
 * {@code training.json}, written by the SR trainer) as a {@link FaceUpscaler} for the FaceSR
 * facade, at one scale.
 *
 * <p>The generators are trained on the 128x128 FSRNet framing, so the output side is 128 and the
 * input side is {@code 128 / scale} (16 at x8). An upscale-mode generator has its own scale; a
 * refine-mode generator serves the scale it is given (its input is enlarged with MATLAB bicubic
 * first). Thread-safe: every call runs in its own sub-manager of the model's manager (no shared
 * {@code Predictor}).
 */
public final class TrainedGeneratorUpscaler implements FaceUpscaler {

    /** The output side of the trained generators (the FSRNet 128x128 framing). */
    public static final int OUTPUT_SIZE = 128;

    private final TrainedGeneratorModel model;
    private final double scale;
    private final int inputSize;

    private TrainedGeneratorUpscaler(TrainedGeneratorModel model, double scale, int inputSize) {
        this.model = model;
        this.scale = scale;
        this.inputSize = inputSize;
    }

    /**
     * Loads a trained generator folder.
     *
     * @param folder the folder with {@code training.json} and {@code <name>.params}
     * @param scale the scale to serve, or {@code null} for the generator's own (required for a
     *     refine-mode generator)
     * @return the upscaler; close it to free native memory
     * @throws IllegalArgumentException if the scale does not fit the generator or the folder is not a trained one
     * @throws java.io.UncheckedIOException if a file is missing or unreadable
     */
    public static TrainedGeneratorUpscaler load(Path folder, Double scale) {
        Objects.requireNonNull(folder, "folder");
        TrainedGeneratorModel model = TrainedGeneratorModel.load(folder);
        try {
            Set<Double> scales = model.scales();
            double s;
            if (scales.isEmpty()) {
                if (scale == null) {
                    throw new IllegalArgumentException(model.name() + " is a refine-mode generator that serves any"
                            + " scale: give the scale (--scale N)");
                }
                s = scale;
            } else {
                s = scales.iterator().next();
                if (scale != null && scale != s) {
                    throw new IllegalArgumentException(model.name() + " is trained for x" + fmt(s) + " only, got scale "
                            + fmt(scale) + "; drop --scale or give " + fmt(s));
                }
            }
            int in = (int) Math.round(OUTPUT_SIZE / s);
            if (!(s > 1) || in < 4 || MatlabResize.outputSize(in, s) != OUTPUT_SIZE) {
                throw new IllegalArgumentException("Scale " + fmt(s) + " does not map a whole-pixel input onto the "
                        + OUTPUT_SIZE + "-px output; use a divisor of " + OUTPUT_SIZE + " such as 4 or 8");
            }
            return new TrainedGeneratorUpscaler(model, s, in);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * The scale this upscaler serves.
     *
     * @return output side / input side
     */
    public double scale() {
        return scale;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return model.name();
    }

    /** {@inheritDoc} */
    @Override
    public int inputSize() {
        return inputSize;
    }

    /** {@inheritDoc} */
    @Override
    public int outputSize() {
        return OUTPUT_SIZE;
    }

    /** {@inheritDoc} */
    @Override
    public List<Image> upscale(List<Image> crops) {
        Objects.requireNonNull(crops, "crops");
        if (crops.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < crops.size(); i++) {
            Image c = crops.get(i);
            if (c.getWidth() != inputSize || c.getHeight() != inputSize) {
                throw new IllegalArgumentException(name() + " takes " + inputSize + "x" + inputSize + " crops, got "
                        + c.getWidth() + "x" + c.getHeight() + " at index " + i);
            }
        }
        return model.upscale(crops, scale);
    }

    /** Frees the generator's native memory. */
    @Override
    public void close() {
        model.close();
    }
}
