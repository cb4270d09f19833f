package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unfreezing a network at a stage's start must leave batch norm's running statistics alone. */
class BatchNormStageTest {

    @TempDir Path dir;

    @Test
    void aNetworkWithBatchNormTrainsAndItsRunningStatisticsTakeNoGradient() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            Block g = new SequentialBlock().add(TinyNets.generator()).add(BatchNorm.builder()
                    .build());
            SupervisedStage stage = SupervisedStage.builder().setName("bn").setSteps(3)
                    .setDataset(TinyNets.pairs(data, 8, 4, 1, true)).setNetwork(g)
                    .setLoss(new TinyNets.L1(1f))
                    .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build())
                    .build();
            try (TrainingRun run = TrainingRun.builder().addBlock("g", g, TinyNets.LR_SHAPE)
                    .setSchedule(StageSchedule.of(stage)).setCheckpointDirectory(dir).build()) {
                assertThat(run.run().globalStep()).isEqualTo(3);
                // initialised to zeros; the training steps moved it
                assertThat(runningMean(g)).isNotEqualTo(new float[runningMean(g).length]);
            }
            for (Parameter p : g.getParameters().values()) {
                boolean statistic = p.getType() == Parameter.Type.RUNNING_MEAN
                        || p.getType() == Parameter.Type.RUNNING_VAR;
                assertThat(p.requiresGradient()).as(p.getName()).isEqualTo(!statistic);
            }
        }
    }

    private static float[] runningMean(Block g) {
        return g.getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN).findFirst()
                .orElseThrow().getArray().toFloatArray();
    }
}
