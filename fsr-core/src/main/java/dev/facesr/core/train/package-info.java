/**
 * The training engine: {@link dev.facesr.core.train.TrainingStage}s (supervised, adversarial)
 * ordered in a {@link dev.facesr.core.train.StageSchedule} and run by a
 * {@link dev.facesr.core.train.TrainingRun} that logs named loss components, validates, stops
 * early, and checkpoints so a killed run resumes. See {@code docs/training.md}.
 */
package dev.facesr.core.train;
