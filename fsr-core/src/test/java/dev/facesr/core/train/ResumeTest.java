package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.facesr.core.train.checkpoint.CheckpointState;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

    @TempDir Path dir;

    /** Throws once the run reaches a step, as if the process died there. */
    private static final class CrashAt implements TrainingObserver {
        private final long step;

        CrashAt(long step) {
            this.step = step;
        }

        @Override
        public void onStep(StageProgress p, List<FigureRecord> f) {
            if (p.globalStep() == step) {
                throw new IllegalStateException("simulated crash");
            }
        }
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() throws Exception {
        float[][] uninterrupted;
        try (NDManager data = NDManager.newBaseManager();
                TrainingRun run = ResumableTrainingMain.build(dir.resolve("a"), 20,
                        new TrainingObserver() {}, data)) {
            run.run();
            uninterrupted = weights(run);
        }
        try (NDManager data = NDManager.newBaseManager();
                TrainingRun run = ResumableTrainingMain.build(dir.resolve("b"), 20,
                        new CrashAt(12), data)) {
            assertThatThrownBy(run::run).hasMessage("simulated crash");
        }
        assertThat(CheckpointStore.stepOf(
                new CheckpointStore(dir.resolve("b/ckpt"), 2).latestValid().orElseThrow()))
                .isEqualTo(10);
        float[][] resumed;
        try (NDManager data = NDManager.newBaseManager();
                TrainingRun run = ResumableTrainingMain.build(dir.resolve("b"), 20,
                        new TrainingObserver() {}, data)) {
            RunResult r = run.run();
            assertThat(r.resumedFromStep()).isEqualTo(10);
            assertThat(r.stepsRunHere()).isEqualTo(10);
            assertThat(r.globalStep()).isEqualTo(20);
            resumed = weights(run);
        }
        // Same weights only if parameters AND Adam's moments and counts were restored.
        assertThat(resumed.length).isEqualTo(uninterrupted.length);
        for (int i = 0; i < resumed.length; i++) {
            for (int j = 0; j < resumed[i].length; j++) {
                assertThat(resumed[i][j]).isCloseTo(uninterrupted[i][j],
                        org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void killedProcessResumesFromItsLastCheckpoint() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        File out = dir.resolve("child.log").toFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), ResumableTrainingMain.class.getName(),
                dir.toString(), "200", "80");
        pb.environment().put("DJL_OFFLINE", "true");
        pb.redirectErrorStream(true).redirectOutput(out);
        Process child = pb.start();
        CheckpointStore store = new CheckpointStore(ckpt, 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try {
            while (store.list().stream().noneMatch(p -> CheckpointStore.stepOf(p) >= 15)) {
                assertThat(child.isAlive()).as("child died: " + Files.readString(out.toPath()))
                        .isTrue();
                assertThat(System.nanoTime()).as("no checkpoint in time: "
                        + Files.readString(out.toPath())).isLessThan(deadline);
                Thread.sleep(50);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        List<Path> left = store.list();
        assertThat(left).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        for (Path p : left) {
            assertThat(CheckpointStore.isValid(p)).as(p + " must be complete").isTrue();
        }
        Path latest = store.latestValid().orElseThrow();
        CheckpointState state = CheckpointStore.readState(latest);
        long checkpointStep = state.globalStep();
        assertThat(checkpointStep).isGreaterThanOrEqualTo(15).isEqualTo(state.stageStep());
        assertThat(Files.readAllLines(out.toPath())).contains("step " + checkpointStep);

        List<Long> steps = new ArrayList<>();
        TrainingObserver record = new TrainingObserver() {
            @Override
            public void onStep(StageProgress p, List<FigureRecord> f) {
                steps.add(p.globalStep());
            }
        };
        try (NDManager data = NDManager.newBaseManager();
                TrainingRun run = ResumableTrainingMain.build(dir, 40, record, data)) {
            RunResult r = run.run();
            assertThat(r.resumedFromStep()).isEqualTo(checkpointStep);
            assertThat(r.globalStep()).isEqualTo(40);
        }
        assertThat(steps.get(0)).isEqualTo(checkpointStep + 1);
        assertThat(steps).hasSize((int) (40 - checkpointStep));
        try (var files = Files.list(ckpt)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left").allMatch(n -> n.endsWith(".fsrckpt"));
        }
        // The figure log holds the killed process's lines and the resumed ones.
        List<String> lines = Files.readAllLines(dir.resolve("figures.jsonl"));
        assertThat(lines).anyMatch(l -> l.contains("\"step\":1,"))
                .anyMatch(l -> l.contains("\"step\":40,"));
    }

    private static float[][] weights(TrainingRun run) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : run.getBlocks().get("generator").getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out.toArray(new float[0][]);
    }
}
