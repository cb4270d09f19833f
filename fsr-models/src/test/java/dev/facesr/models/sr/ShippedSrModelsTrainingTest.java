package dev.facesr.models.sr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import dev.facesr.core.loss.PixelLoss;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.train.FigureRecord;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.TrainingObserver;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A few real training steps of every shipped SR architecture, at its shipped size, on synthetic
 * 128x128 faces (smooth random patterns; LR by box averaging): the L1 loss falls and the trained
 * network maps the LR size to 128x128.
 */
class ShippedSrModelsTrainingTest {

    @TempDir Path dir;

    private static NDArray[] faces(NDManager m, int n, int scale) {
        Random r = new Random(3);
        float[] hr = new float[n * 3 * 128 * 128];
        for (int k = 0; k < n; k++) {
            double fx = 0.02 + 0.06 * r.nextDouble();
            double fy = 0.02 + 0.06 * r.nextDouble();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 128; y++) {
                    for (int x = 0; x < 128; x++) {
                        hr[((k * 3 + c) * 128 + y) * 128 + x] =
                                (float) (0.5 + 0.3 * Math.sin(fx * x + c) * Math.cos(fy * y + k));
                    }
                }
            }
        }
        NDArray hrA = m.create(hr, new Shape(n, 3, 128, 128));
        int lr = 128 / scale;
        NDArray lrA = hrA.reshape(n, 3, lr, scale, lr, scale).mean(new int[] {5}).mean(new int[] {3});
        return new NDArray[] {hrA, lrA};
    }

    @ParameterizedTest
    @EnumSource(ShippedSrModels.class)
    void aFewStepsLowerTheL1Loss(ShippedSrModels model) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] data = faces(m, 8, model.scale());
            RebuildableBlock net = model.newNetwork();
            ArrayDataset train = new ArrayDataset.Builder().setData(data[1]).optLabels(data[0])
                    .setSampling(4, true).build();
            List<Double> losses = new ArrayList<>();
            SupervisedStage stage = SupervisedStage.builder().setName("l1").setNetwork(net)
                    .setLoss(PixelLoss.l1().build())
                    .setOptimizer(StatefulAdam.builder().optLearningRate(1e-3f).build())
                    .setDataset(train).setSteps(12).build();
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("generator", net, new Shape(1, 3, model.inputSize(), model.inputSize()))
                    .setSchedule(StageSchedule.of(stage)).setCheckpointDirectory(dir)
                    .optLogEvery(1).optCheckpointEvery(1000).optSeed(1)
                    .addObserver(new TrainingObserver() {
                        @Override
                        public void onFigures(List<FigureRecord> records) {
                            records.stream().filter(f -> f.name().equals("loss")).forEach(f -> losses.add(f.value()));
                        }
                    }).build()) {
                run.run();
                NDArray sr = net.forward(new ParameterStore(m, false), new NDList(data[1].get("0:1")), false).head();
                assertThat(sr.getShape()).isEqualTo(new Shape(1, 3, 128, 128));
            }
            assertThat(losses).hasSize(12);
            double first = (losses.get(0) + losses.get(1)) / 2;
            double last = (losses.get(10) + losses.get(11)) / 2;
            assertThat(last).as("%s L1 %s", model.modelName(), losses).isLessThan(first);
        }
    }
}
