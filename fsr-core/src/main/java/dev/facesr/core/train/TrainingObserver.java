package dev.facesr.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Is told what a run does: stage starts and ends, steps, logged figures, checkpoints. The
 * progress bar and the figure log files are observers; all methods default to doing nothing.
 */
public interface TrainingObserver {

    /**
     * Called when a stage starts or resumes.
     *
     * @param progress where the run is
     */
    default void onStageStart(StageProgress progress) {}

    /**
     * Called after every step.
     *
     * @param progress where the run is
     * @param figures the step's figures (may be empty between logging steps)
     */
    default void onStep(StageProgress progress, List<FigureRecord> figures) {}

    /**
     * Called with every logged figure (loss components every N steps, validation figures).
     *
     * @param figures the figures
     */
    default void onFigures(List<FigureRecord> figures) {}

    /**
     * Called after a checkpoint was written.
     *
     * @param path the checkpoint file
     * @param globalStep the run's step count it holds
     */
    default void onCheckpoint(Path path, long globalStep) {}

    /**
     * Called when a stage ends.
     *
     * @param progress where the run is
     * @param earlyStopped whether early stopping ended it
     */
    default void onStageEnd(StageProgress progress, boolean earlyStopped) {}

    /** Called when the run ends or fails; release files here. */
    default void onRunEnd() {}
}
