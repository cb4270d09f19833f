package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyStoppingTest {

    @TempDir Path dir;

    @Test
    void ruleCountsValidationsWithoutImprovement() {
        EarlyStopping rule = EarlyStopping.of("val/loss", EarlyStopping.Mode.MINIMIZE, 2, 0.01);
        EarlyStopping.State s = EarlyStopping.State.initial();
        s = rule.update(s, Map.of("val/loss", 1.0));
        assertThat(s).isEqualTo(new EarlyStopping.State(1.0, 0));
        s = rule.update(s, Map.of("val/loss", 0.995)); // less than minDelta: no improvement
        assertThat(rule.shouldStop(s)).isFalse();
        s = rule.update(s, Map.of("val/loss", 0.5));
        assertThat(s).isEqualTo(new EarlyStopping.State(0.5, 0));
        s = rule.update(s, Map.of("val/loss", 0.6));
        s = rule.update(s, Map.of("val/loss", 0.7));
        assertThat(rule.shouldStop(s)).isTrue();
        EarlyStopping.State st = s;
        assertThatThrownBy(() -> rule.update(st, Map.of("val/psnr", 1.0)))
                .hasMessageContaining("watches 'val/loss'").hasMessageContaining("[val/psnr]");
    }

    @Test
    void stageEndsWhenTheFigureStopsImprovingAndTheNextStageRuns() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 8, 4, 1, true);
            ArrayDataset val = TinyNets.pairs(data, 4, 4, 2, false);
            Block g = TinyNets.generator();
            // The loss goes down while training, so "maximize" never improves after the first.
            SupervisedStage first = SupervisedStage.builder().setName("first").setSteps(100)
                    .setDataset(train).setNetwork(g).setLoss(new TinyNets.L1(1f))
                    .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build())
                    .optValidator(DatasetValidator.builder().setDataset(val)
                            .addMetric(new LossMetric("l1", new TinyNets.L1(1f))).build())
                    .optEarlyStopping(EarlyStopping.of("val/l1", EarlyStopping.Mode.MAXIMIZE,
                            2, 0))
                    .build();
            SupervisedStage second = SupervisedStage.builder().setName("second").setSteps(3)
                    .setDataset(train).setNetwork(g).setLoss(new TinyNets.L1(1f))
                    .setOptimizer(StatefulAdam.builder().build()).build();
            List<String> ends = new ArrayList<>();
            try (TrainingRun run = TrainingRun.builder().addBlock("g", g, TinyNets.LR_SHAPE)
                    .setSchedule(StageSchedule.of(first, second)).setCheckpointDirectory(dir)
                    .optValidateEvery(2)
                    .addObserver(new TrainingObserver() {
                        @Override
                        public void onStageEnd(StageProgress p, boolean early) {
                            ends.add(p.stage() + "@" + p.stageStep() + (early ? " early" : ""));
                        }
                    }).build()) {
                RunResult r = run.run();
                assertThat(r.globalStep()).isEqualTo(9);
            }
            assertThat(ends).containsExactly("first@6 early", "second@3");
        }
    }
}
