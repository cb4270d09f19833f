package dev.facesr.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;

/**
 * A small training process for the kill-and-resume test: {@code <dir> <steps> <sleepMs>}.
 * Prints {@code step N} after every step and sleeps so the test can kill it mid-run.
 */
public final class ResumableTrainingMain {

    private ResumableTrainingMain() {}

    /** Builds the run; identical in the killed process and in the resuming test. */
    static TrainingRun build(Path dir, long steps, TrainingObserver extra, NDManager data)
            throws Exception {
        ArrayDataset train = TinyNets.pairs(data, 8, 4, 11, false);
        Block g = TinyNets.generator();
        SupervisedStage stage = SupervisedStage.builder().setName("sr").setSteps(steps)
                .setDataset(train).setNetwork(g).setLoss(new TinyNets.L1(1f))
                .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build()).build();
        return TrainingRun.builder().addBlock("generator", g, TinyNets.LR_SHAPE)
                .setSchedule(StageSchedule.of(stage)).setCheckpointDirectory(dir.resolve("ckpt"))
                .optCheckpointEvery(5).optKeepCheckpoints(2).optLogEvery(1)
                .addObserver(new FigureLog(dir.resolve("figures.jsonl"),
                        FigureLog.Format.JSON_LINES))
                .addObserver(extra).build();
    }

    /**
     * Runs the process.
     *
     * @param args directory, steps, milliseconds to sleep per step
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long steps = Long.parseLong(args[1]);
        long sleep = Long.parseLong(args[2]);
        TrainingObserver slow = new TrainingObserver() {
            @Override
            public void onStep(StageProgress p, java.util.List<FigureRecord> f) {
                System.out.println("step " + p.globalStep());
                System.out.flush();
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (NDManager data = NDManager.newBaseManager();
                TrainingRun run = build(dir, steps, slow, data)) {
            run.run();
        }
    }
}
