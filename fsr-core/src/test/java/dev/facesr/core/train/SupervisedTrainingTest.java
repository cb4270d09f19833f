package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedTrainingTest {

    @TempDir Path dir;

    @Test
    void tinyGeneratorLowersItsLossAndLogsComponents() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 16, 4, 1, true);
            ArrayDataset val = TinyNets.pairs(data, 8, 4, 2, false);
            Block g = TinyNets.generator();
            List<FigureRecord> seen = new ArrayList<>();
            SupervisedStage stage = SupervisedStage.builder().setName("sr").setSteps(60)
                    .setDataset(train).setNetwork(g).setLoss(new TinyNets.L1PlusL2())
                    .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build())
                    .optValidator(DatasetValidator.builder().setDataset(val)
                            .addMetric(new LossMetric("l1", new TinyNets.L1(1f))).build())
                    .build();
            Path csv = dir.resolve("figures.csv");
            Path jsonl = dir.resolve("figures.jsonl");
            RunResult result;
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("generator", g, TinyNets.LR_SHAPE)
                    .setSchedule(StageSchedule.of(stage))
                    .setCheckpointDirectory(dir.resolve("ckpt"))
                    .optLogEvery(5).optValidateEvery(20).optCheckpointEvery(1000)
                    .addObserver(new FigureLog(csv, FigureLog.Format.CSV))
                    .addObserver(new FigureLog(jsonl, FigureLog.Format.JSON_LINES))
                    .addObserver(new TrainingObserver() {
                        @Override
                        public void onFigures(List<FigureRecord> figures) {
                            seen.addAll(figures);
                        }
                    })
                    .build()) {
                result = run.run();
            }
            assertThat(result.globalStep()).isEqualTo(60);
            List<Double> losses = seen.stream().filter(f -> f.name().equals("loss"))
                    .map(FigureRecord::value).toList();
            assertThat(losses).hasSize(12);
            double first = losses.get(0);
            double last = losses.get(losses.size() - 1);
            assertThat(last).as("loss after 60 steps vs after 5").isLessThan(first * 0.5);
            List<Double> valLoss = seen.stream().filter(f -> f.name().equals("val/l1"))
                    .map(FigureRecord::value).toList();
            assertThat(valLoss).hasSize(3);
            assertThat(valLoss.get(2)).isLessThan(valLoss.get(0));
            // components add up to the total at the same step
            for (FigureRecord f : seen) {
                if (f.name().equals("loss")) {
                    double l1 = value(seen, f.step(), "loss/l1");
                    double l2 = value(seen, f.step(), "loss/l2");
                    assertThat(l1 + l2).isCloseTo(f.value(), org.assertj.core.data.Offset
                            .offset(1e-5));
                }
            }

            List<String> csvLines = Files.readAllLines(csv);
            assertThat(csvLines.get(0)).isEqualTo("step,stage_index,stage,name,value,time");
            assertThat(csvLines).hasSize(1 + seen.size());
            assertThat(csvLines).anyMatch(l -> l.startsWith("60,0,sr,loss/l1,"));
            assertThat(csvLines).anyMatch(l -> l.startsWith("60,0,sr,val/l1,"));
            List<String> jsonLines = Files.readAllLines(jsonl);
            assertThat(jsonLines).hasSize(seen.size());
            Map<String, Object> firstJson = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(jsonLines.get(0), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
            assertThat(firstJson).containsEntry("step", 5).containsEntry("stage", "sr")
                    .containsEntry("name", "loss").containsKeys("value", "time", "stage_index");
            assertThat(((Number) firstJson.get("value")).doubleValue())
                    .isCloseTo(first, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void nativeArraysDoNotAccumulateOverSteps() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 8, 4, 1, true);
            Block g = TinyNets.generator();
            Block d = TinyNets.discriminator(false);
            AdversarialStage stage = AdversarialStage.builder().setName("gan").setSteps(30)
                    .setDataset(train).setGenerator(g).setDiscriminator(d)
                    .setGeneratorLoss(new TinyNets.GeneratorLoss())
                    .setDiscriminatorLoss(new TinyNets.DiscriminatorLoss())
                    .setGeneratorOptimizer(StatefulAdam.builder().build())
                    .setDiscriminatorOptimizer(StatefulAdam.builder().build()).build();
            java.util.concurrent.atomic.AtomicReference<TrainingRun> ref =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Map<Long, Integer> arrays = new java.util.HashMap<>();
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("g", g, TinyNets.LR_SHAPE).addBlock("d", d, TinyNets.HR_SHAPE)
                    .setSchedule(StageSchedule.of(stage)).setCheckpointDirectory(dir)
                    .optLogEvery(1).optCheckpointEvery(7)
                    .addObserver(new TrainingObserver() {
                        @Override
                        public void onStep(StageProgress p, List<FigureRecord> f) {
                            arrays.put(p.globalStep(),
                                    ref.get().getManager().getManagedArrays().size());
                        }
                    }).build()) {
                ref.set(run);
                run.run();
            }
            // after the first steps (optimizer moments created), the count stays flat
            assertThat(arrays.get(29L)).isEqualTo(arrays.get(5L));
            assertThat(arrays.get(12L)).isEqualTo(arrays.get(5L));
        }
    }

    @Test
    void divergingLossStopsTheRunWithAClearMessage() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 4, 4, 1, true);
            Block g = TinyNets.generator();
            ai.djl.training.loss.Loss nan = new ai.djl.training.loss.Loss("nan") {
                @Override
                public ai.djl.ndarray.NDArray evaluate(ai.djl.ndarray.NDList labels,
                        ai.djl.ndarray.NDList predictions) {
                    return predictions.head().sub(labels.head()).abs().mean().div(0f);
                }
            };
            SupervisedStage stage = SupervisedStage.builder().setName("bad").setSteps(3)
                    .setDataset(train).setNetwork(g).setLoss(nan)
                    .setOptimizer(StatefulAdam.builder().build()).build();
            try (TrainingRun run = TrainingRun.builder().addBlock("g", g, TinyNets.LR_SHAPE)
                    .setSchedule(StageSchedule.of(stage)).setCheckpointDirectory(dir).build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(run::run)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("loss of stage 'bad' is Infinity")
                        .hasMessageContaining("training diverged");
            }
        }
    }

    private static double value(List<FigureRecord> figures, long step, String name) {
        return figures.stream().filter(f -> f.step() == step && f.name().equals(name))
                .findFirst().orElseThrow().value();
    }
}
