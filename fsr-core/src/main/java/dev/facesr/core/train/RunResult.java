package dev.facesr.core.train;

import java.util.Map;

/**
 * What a finished run reports.
 *
 * @param globalStep the run's step count at the end (including steps before a resume)
 * @param resumedFromStep the global step of the checkpoint the run resumed from (-1 if fresh)
 * @param stepsRunHere the steps this process ran
 * @param lastFigures the last logged value of every figure, by name
 */
public record RunResult(long globalStep, long resumedFromStep, long stepsRunHere,
        Map<String, Double> lastFigures) {}
