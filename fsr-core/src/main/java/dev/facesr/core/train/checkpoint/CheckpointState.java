package dev.facesr.core.train.checkpoint;

/**
 * The position of a run that a checkpoint records (besides parameters and optimizer state).
 *
 * @param stageIndex the stage to continue with (equal to the stage count when all are done)
 * @param stageStep the steps that stage has completed
 * @param globalStep the steps the run has completed
 * @param seed the run's seed
 * @param earlyStoppingBest the running stage's best watched figure (NaN when none)
 * @param earlyStoppingBad the running stage's validations without improvement
 */
public record CheckpointState(int stageIndex, long stageStep, long globalStep, long seed,
        double earlyStoppingBest, int earlyStoppingBad) {}
