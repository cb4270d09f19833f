package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import dev.facesr.core.data.EpochAware;
import dev.facesr.core.train.optim.StatefulAdam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine tells an {@link EpochAware} dataset about every new pass, also after a resume. */
class EpochAwareTrainingTest {

    @TempDir Path dir;

    /** 16 records in batches of 4: a pass is 4 steps. */
    static final class RecordingDataset extends RandomAccessDataset implements EpochAware {
        final ArrayDataset inner;
        final List<Long> epochs = new CopyOnWriteArrayList<>();

        RecordingDataset(ArrayDataset inner) {
            super(new Builder().setSampling(4, false));
            this.inner = inner;
        }

        @Override
        public void setEpoch(long epoch) {
            epochs.add(epoch);
        }

        @Override
        public Record get(NDManager manager, long index) throws IOException {
            return inner.get(manager, index);
        }

        @Override
        protected long availableSize() {
            return inner.size();
        }

        @Override
        public void prepare(Progress progress) {}

        static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
            @Override
            protected Builder self() {
                return this;
            }
        }
    }

    private TrainingRun run(RecordingDataset data, long failAtStep) {
        SupervisedStage stage = SupervisedStage.builder().setName("sr").setSteps(10)
                .setDataset(data).setNetwork(TinyNets.generator()).setLoss(new TinyNets.L1(1f))
                .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build()).build();
        return TrainingRun.builder().addBlock("generator", stage.getNetwork(),
                        TinyNets.LR_SHAPE)
                .setSchedule(StageSchedule.of(stage)).setCheckpointDirectory(dir)
                .optCheckpointEvery(4).optLogEvery(100)
                .addObserver(new TrainingObserver() {
                    @Override
                    public void onStep(StageProgress p, List<FigureRecord> figures) {
                        if (p.globalStep() == failAtStep) {
                            throw new IllegalStateException("interrupted at " + failAtStep);
                        }
                    }
                }).build();
    }

    @Test
    void everyPassGetsItsStartStepAsEpochAndAResumedRunContinuesTheSequence() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecordingDataset first = new RecordingDataset(TinyNets.pairs(manager, 16, 4, 1,
                    false));
            try (TrainingRun run = run(first, 6)) {
                assertThatThrownBy(run::run).hasMessageContaining("interrupted at 6");
            }
            // passes started at steps 0 and 4; the checkpoint of step 4 was written
            assertThat(first.epochs).containsExactly(0L, 4L);

            RecordingDataset resumed = new RecordingDataset(TinyNets.pairs(manager, 16, 4, 1,
                    false));
            try (TrainingRun run = run(resumed, -1)) {
                RunResult result = run.run();
                assertThat(result.resumedFromStep()).isEqualTo(4);
                assertThat(result.globalStep()).isEqualTo(10);
            }
            // an uninterrupted run starts passes at 0, 4 and 8: the resumed one repeats 4, 8
            assertThat(resumed.epochs).containsExactly(4L, 8L);
        }
    }
}
