package dev.facesr.models.crossdomain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.util.Pair;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Regressor;
import dev.facesr.core.train.FigureRecord;
import dev.facesr.core.train.StageProgress;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.TrainingObserver;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.models.identity.IdentityNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every stage of {@link CrossDomainSchedule} for a few steps on a tiny model and synthetic
 * 32x32 "faces" (smooth random patterns; the LR version is the 4x box average enlarged back by
 * pixel repetition), and checks what each stage must do.
 */
class CrossDomainScheduleTest {

    private static final int HR = 32;

    @TempDir Path dir;

    static CrossDomainSr tinyModel() {
        return CrossDomainSr.builder()
                .optEncoder(Encoder.builder().setChannels(8).optMaxChannels(16).optResidualBlocks(1).build())
                .optRegressor(Regressor.builder().setChannels(16).setStages(2).optBlocksPerStage(1).build())
                .optDecoder(Decoder.builder().setChannels(8).optMaxChannels(16).optResidualBlocks(1).build())
                .optGlobalResidual(false)
                .build();
    }

    /** hr (n, 3, 32, 32) smooth patterns and lrUp (4x box average, repeated back to 32). */
    private static NDArray[] faces(NDManager m, int n, long seed) {
        Random r = new Random(seed);
        float[] hr = new float[n * 3 * HR * HR];
        for (int k = 0; k < n; k++) {
            double fx = 0.1 + 0.3 * r.nextDouble();
            double fy = 0.1 + 0.3 * r.nextDouble();
            double ph = r.nextDouble() * 6;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < HR; y++) {
                    for (int x = 0; x < HR; x++) {
                        hr[((k * 3 + c) * HR + y) * HR + x] =
                                (float) (0.5 + 0.35 * Math.sin(fx * x + ph + c) * Math.cos(fy * y - c));
                    }
                }
            }
        }
        NDArray hrA = m.create(hr, new Shape(n, 3, HR, HR));
        NDArray lr = hrA.reshape(n, 3, 8, 4, 8, 4).mean(new int[] {5}).mean(new int[] {3});
        NDArray lrUp = lr.repeat(2, 4).repeat(3, 4);
        return new NDArray[] {hrA, lrUp};
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> out = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private static void assertUnchanged(Map<String, float[]> before, Block block, String what) {
        Map<String, float[]> after = snapshot(block);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(what + " " + k).isEqualTo(v));
    }

    private static List<Double> figures(List<FigureRecord> all, String stage, String name) {
        return all.stream().filter(f -> f.stage().equals(stage) && f.name().equals(name))
                .map(FigureRecord::value).toList();
    }

    @Test
    void everyStageTrainsWhatItShouldAndFreezesTheRest() throws Exception {
        runSchedule(true);
    }

    @Test
    void theAblationTrainsTheRegressorThroughTheFrozenDecoder() throws Exception {
        runSchedule(false);
    }

    private void runSchedule(boolean regressionLoss) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] train = faces(m, 32, 1);
            CrossDomainSr model = tinyModel();
            Block discriminator = CrossDomainSr.discriminatorBuilder().optChannels(4).optDownsamplings(2)
                    .optMaxChannels(8).build();
            IdentityNet embedder = IdentityNet.builder().setInputSize(HR).setChannels(4).optDownsamplings(2)
                    .optMaxChannels(8).optResidualBlocks(0).optEmbeddingSize(8).optNorm(NormType.NONE).build();
            embedder.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3, HR, HR));
            ArrayDataset autoencoding = new ArrayDataset.Builder()
                    .setData(train[0].concat(train[1])).optLabels(train[0].concat(train[1]))
                    .setSampling(8, true).build();
            ArrayDataset pairs = new ArrayDataset.Builder().setData(train[1]).optLabels(train[0])
                    .setSampling(8, true).build();
            StageSchedule schedule = CrossDomainSchedule.builder().setModel(model)
                    .optDiscriminator(discriminator)
                    .setAutoencoderData(autoencoding).setTrainData(pairs)
                    .setSteps(40, 30, 5, 20, 5)
                    .optRegressionLoss(regressionLoss)
                    .optLearningRate(3e-3f)
                    .optIdentityEmbedder(embedder, 0.5f)
                    .build();
            assertThat(schedule.getStages()).extracting(s -> s.getName()).containsExactly(
                    "autoencoder", "regressor", "gan", "end-to-end", "identity");
            List<FigureRecord> all = new ArrayList<>();
            Map<String, Map<String, float[]>> atRegressorStart = new HashMap<>();
            Map<String, float[]> embedderBefore = snapshot(embedder);
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("generator", model, new Shape(1, 3, HR, HR))
                    .addBlock("discriminator", discriminator, new Shape(1, 3, HR, HR))
                    .setSchedule(schedule).setCheckpointDirectory(dir)
                    .optLogEvery(5).optCheckpointEvery(1000).optSeed(5)
                    .addObserver(new TrainingObserver() {
                        @Override
                        public void onStageStart(StageProgress p) {
                            if (p.stage().equals("regressor")) {
                                atRegressorStart.put("encoder", snapshot(model.getEncoder()));
                                atRegressorStart.put("decoder", snapshot(model.getDecoder()));
                                atRegressorStart.put("regressor", snapshot(model.getRegressor()));
                            }
                        }

                        @Override
                        public void onStageEnd(StageProgress p, boolean early) {
                            if (p.stage().equals("regressor")) {
                                assertUnchanged(atRegressorStart.get("encoder"), model.getEncoder(), "encoder");
                                assertUnchanged(atRegressorStart.get("decoder"), model.getDecoder(), "decoder");
                                Map<String, float[]> reg = snapshot(model.getRegressor());
                                assertThat(atRegressorStart.get("regressor").entrySet().stream()
                                        .anyMatch(e -> !java.util.Arrays.equals(e.getValue(), reg.get(e.getKey()))))
                                        .as("the regressor moved").isTrue();
                            }
                        }

                        @Override
                        public void onFigures(List<FigureRecord> records) {
                            all.addAll(records);
                        }
                    })
                    .build()) {
                run.run();
            }
            List<Double> ae = figures(all, "autoencoder", "loss");
            assertThat(ae.get(ae.size() - 1)).as("autoencoder L1 falls").isLessThan(ae.get(0) * 0.8);
            List<Double> reg = figures(all, "regressor", "loss");
            assertThat(reg).hasSize(6);
            assertThat(reg.get(reg.size() - 1)).as("regressor loss falls").isLessThan(reg.get(0));
            assertThat(figures(all, "gan", "d/loss")).isNotEmpty();
            assertThat(figures(all, "gan", "g/loss/adversarial")).isNotEmpty();
            List<Double> e2e = figures(all, "end-to-end", "loss");
            assertThat(e2e.get(e2e.size() - 1)).as("end-to-end L1 falls").isLessThan(e2e.get(0));
            assertThat(figures(all, "identity", "loss/identity")).isNotEmpty();
            assertThat(figures(all, "identity", "loss/pixel")).isNotEmpty();
            assertUnchanged(embedderBefore, embedder, "the identity network is frozen:");
        }
    }

    @Test
    void missingPiecesAreNamed() {
        CrossDomainSr residual = CrossDomainSr.builder().build();
        assertThatThrownBy(() -> CrossDomainSchedule.builder().setModel(residual).setSteps(1, 0, 0, 0, 0).build())
                .hasMessageContaining("optGlobalResidual(false)");
        CrossDomainSr model = tinyModel();
        assertThatThrownBy(() -> CrossDomainSchedule.builder().build()).hasMessageContaining("setModel");
        assertThatThrownBy(() -> CrossDomainSchedule.builder().setModel(model).setSteps(0, 0, 0, 0, 0).build())
                .hasMessageContaining("nothing to train");
        assertThatThrownBy(() -> CrossDomainSchedule.builder().setModel(model).setSteps(5, 0, 0, 0, 0).build())
                .hasMessageContaining("setAutoencoderData");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] train = faces(m, 4, 1);
            ArrayDataset pairs = new ArrayDataset.Builder().setData(train[1]).optLabels(train[0])
                    .setSampling(2, true).build();
            assertThatThrownBy(() -> CrossDomainSchedule.builder().setModel(model).setTrainData(pairs)
                    .setSteps(0, 0, 5, 0, 0).build()).hasMessageContaining("optDiscriminator");
            assertThatThrownBy(() -> CrossDomainSchedule.builder().setModel(model).setTrainData(pairs)
                    .setSteps(0, 0, 0, 0, 5).build()).hasMessageContaining("optIdentityEmbedder");
            assertThatThrownBy(() -> CrossDomainSchedule.builder().setModel(model).setTrainData(pairs)
                    .setSteps(0, -1, 0, 5, 0).build()).hasMessageContaining(">= 0");
        }
    }
}
