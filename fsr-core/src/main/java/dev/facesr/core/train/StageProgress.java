package dev.facesr.core.train;

/**
 * Where a run is, as told to {@link TrainingObserver}s.
 *
 * @param stageIndex the stage's index in the schedule
 * @param stageCount the number of stages
 * @param stage the stage's name
 * @param stageStep steps the stage has completed
 * @param stageSteps steps the stage runs in total
 * @param globalStep steps the run has completed
 * @param resumedAt the stage step at which this process started (or resumed) the stage
 */
public record StageProgress(int stageIndex, int stageCount, String stage, long stageStep,
        long stageSteps, long globalStep, long resumedAt) {}
