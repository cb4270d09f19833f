package dev.facesr.core.train;

import java.time.Instant;

/**
 * One logged figure: a loss component, a validation figure or the learning rate.
 *
 * @param step the global step after which it was measured
 * @param stageIndex the stage's index in the schedule
 * @param stage the stage's name
 * @param name the figure's name, e.g. {@code loss/l1} or {@code val/loss}
 * @param value the value
 * @param time when it was measured
 */
public record FigureRecord(long step, int stageIndex, String stage, String name, double value,
        Instant time) {}
