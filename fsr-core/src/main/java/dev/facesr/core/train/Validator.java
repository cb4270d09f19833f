package dev.facesr.core.train;

import java.util.Map;

/**
 * Computes named validation figures for a stage, e.g. {@code val/loss}, {@code val/psnr}. The
 * built-in {@link DatasetValidator} averages {@link ValidationMetric}s over a dataset.
 */
@FunctionalInterface
public interface Validator {

    /**
     * Validates the stage's current networks.
     *
     * @param stage the stage (use {@link TrainingStage#predict})
     * @param context the run context
     * @return figures by name, in a stable order
     */
    Map<String, Double> validate(TrainingStage stage, StageContext context);
}
