/**
 * Training runs described in a YAML or JSON file: the file model ({@link
 * dev.facesr.core.train.config.RunConfig}), name registries that blocks, losses, degradations,
 * datasets, optimizers and schedules register into ({@link dev.facesr.core.train.config.Registry}),
 * and the assembler that turns a file into a {@link dev.facesr.core.train.TrainingRun.Builder}.
 */
package dev.facesr.core.train.config;
