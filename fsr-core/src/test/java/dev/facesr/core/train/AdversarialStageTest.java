package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdversarialStageTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachStepUpdatesOnlyItsOwnNetworkAndDStartsFromZeroGradients(boolean conditioned)
            throws Exception {
        Map<AdversarialStage.Phase, List<Map<String, float[]>>> gSnaps =
                new EnumMap<>(AdversarialStage.Phase.class);
        Map<AdversarialStage.Phase, List<Map<String, float[]>>> dSnaps =
                new EnumMap<>(AdversarialStage.Phase.class);
        List<Float> dGradBeforeZeroing = new ArrayList<>();
        List<Float> dGradBeforeBackward = new ArrayList<>();
        try (NDManager data = NDManager.newBaseManager()) {
            ArrayDataset train = TinyNets.pairs(data, 8, 4, 3, true);
            Block g = TinyNets.generator();
            Block d = TinyNets.discriminator(conditioned);
            AdversarialStage stage = AdversarialStage.builder().setName("gan").setSteps(3)
                    .setDataset(train).setGenerator(g).setDiscriminator(d)
                    .setGeneratorLoss(new TinyNets.GeneratorLoss())
                    .setDiscriminatorLoss(new TinyNets.DiscriminatorLoss())
                    .setGeneratorOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build())
                    .setDiscriminatorOptimizer(
                            StatefulAdam.builder().optLearningRate(0.01f).build())
                    .optConditionOnInput(conditioned)
                    .optPhaseListener((phase, gp, dp) -> {
                        gSnaps.computeIfAbsent(phase, k -> new ArrayList<>()).add(gp.snapshot());
                        dSnaps.computeIfAbsent(phase, k -> new ArrayList<>()).add(dp.snapshot());
                        if (phase == AdversarialStage.Phase.DISCRIMINATOR_STEP_START) {
                            dGradBeforeZeroing.add(dp.maxAbsGradient());
                        } else if (phase == AdversarialStage.Phase.DISCRIMINATOR_BEFORE_BACKWARD) {
                            dGradBeforeBackward.add(dp.maxAbsGradient());
                        }
                    })
                    .build();
            Shape[] dShapes = conditioned
                    ? new Shape[] {TinyNets.HR_SHAPE, TinyNets.LR_SHAPE}
                    : new Shape[] {TinyNets.HR_SHAPE};
            RunResult result;
            try (TrainingRun run = TrainingRun.builder()
                    .addBlock("generator", g, TinyNets.LR_SHAPE)
                    .addBlock("discriminator", d, dShapes)
                    .setSchedule(StageSchedule.of(stage))
                    .setCheckpointDirectory(dir).optLogEvery(1).build()) {
                result = run.run();
            }
            assertThat(result.lastFigures()).containsKeys("g/loss", "d/loss");
        }
        assertThat(dGradBeforeZeroing).hasSize(3);
        // The G step leaves gradients in D (so the zeroing below is not vacuous) ...
        assertThat(dGradBeforeZeroing).allMatch(v -> v > 0f);
        // ... and D starts its own backward from zero gradients.
        assertThat(dGradBeforeBackward).containsOnly(0f);
        for (int step = 0; step < 3; step++) {
            Map<String, float[]> gStart = gSnaps.get(AdversarialStage.Phase.GENERATOR_STEP_START)
                    .get(step);
            Map<String, float[]> gEnd = gSnaps.get(AdversarialStage.Phase.GENERATOR_STEP_END)
                    .get(step);
            Map<String, float[]> dAtGStart =
                    dSnaps.get(AdversarialStage.Phase.GENERATOR_STEP_START).get(step);
            Map<String, float[]> dAtGEnd = dSnaps.get(AdversarialStage.Phase.GENERATOR_STEP_END)
                    .get(step);
            assertChanged(gStart, gEnd, "G during G step");
            assertSame(dAtGStart, dAtGEnd, "D during G step");
            Map<String, float[]> gAtDStart =
                    gSnaps.get(AdversarialStage.Phase.DISCRIMINATOR_STEP_START).get(step);
            Map<String, float[]> gAtDEnd =
                    gSnaps.get(AdversarialStage.Phase.DISCRIMINATOR_STEP_END).get(step);
            Map<String, float[]> dStart =
                    dSnaps.get(AdversarialStage.Phase.DISCRIMINATOR_STEP_START).get(step);
            Map<String, float[]> dEnd =
                    dSnaps.get(AdversarialStage.Phase.DISCRIMINATOR_STEP_END).get(step);
            assertSame(gAtDStart, gAtDEnd, "G during D step");
            assertChanged(dStart, dEnd, "D during D step");
        }
    }

    static void assertSame(Map<String, float[]> a, Map<String, float[]> b, String what) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(what + ": " + k).containsExactly(a.get(k));
        }
    }

    static void assertChanged(Map<String, float[]> a, Map<String, float[]> b, String what) {
        boolean changed = false;
        for (String k : a.keySet()) {
            changed |= !java.util.Arrays.equals(a.get(k), b.get(k));
        }
        assertThat(changed).as(what + " should change the weights").isTrue();
    }
}
