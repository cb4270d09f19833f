package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.facesr.core.train.optim.StatefulAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step whose gradients are not finite is skipped (weights unchanged); a run of them stops training. */
class NonFiniteGradientTest {

    @TempDir Path dir;

    /** L1 plus a term that is 0 in value but NaN in gradient (sqrt of |0|) for the first steps. */
    static final class PoisonedL1 extends Loss {
        private final int poisonedCalls;
        private int calls;

        PoisonedL1(int poisonedCalls) {
            super("poisoned-l1");
            this.poisonedCalls = poisonedCalls;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray pred = predictions.head();
            NDArray l1 = pred.sub(labels.head()).abs().mean();
            if (calls++ < poisonedCalls) {
                return l1.add(pred.sub(pred.stopGradient()).abs().sqrt().sum());
            }
            return l1;
        }
    }

    private static List<float[]> values(Block block) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private RunResult train(NDManager data, Block g, Loss loss, int steps, List<FigureRecord> seen) throws Exception {
        ArrayDataset train = TinyNets.pairs(data, 8, 4, 1, true);
        SupervisedStage stage = SupervisedStage.builder().setName("sr").setSteps(steps)
                .setDataset(train).setNetwork(g).setLoss(loss)
                .setOptimizer(StatefulAdam.builder().optLearningRate(0.01f).build()).build();
        try (TrainingRun run = TrainingRun.builder()
                .addBlock("generator", g, TinyNets.LR_SHAPE)
                .setSchedule(StageSchedule.of(stage))
                .setCheckpointDirectory(dir.resolve("ckpt-" + steps))
                .optLogEvery(1).optCheckpointEvery(1000)
                .addObserver(new TrainingObserver() {
                    @Override
                    public void onFigures(List<FigureRecord> figures) {
                        seen.addAll(figures);
                    }
                })
                .build()) {
            return run.run();
        }
    }

    @Test
    void stepsWithNonFiniteGradientsLeaveTheWeightsAloneAndTrainingGoesOn() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            Block g = TinyNets.generator();
            g.initialize(data, DataType.FLOAT32, TinyNets.LR_SHAPE);
            List<float[]> before = values(g);
            List<FigureRecord> seen = new ArrayList<>();

            RunResult twoBad = train(data, g, new PoisonedL1(2), 2, seen);

            assertThat(twoBad.globalStep()).isEqualTo(2);
            List<float[]> after = values(g);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d", i).containsExactly(before.get(i));
            }
            assertThat(seen).filteredOn(f -> f.name().equals("skipped")).hasSize(2)
                    .allMatch(f -> f.value() == 1.0);

            // the next, healthy steps update the weights and record no skip
            List<FigureRecord> later = new ArrayList<>();
            train(data, g, new PoisonedL1(0), 3, later);
            assertThat(values(g).get(0)).isNotEqualTo(before.get(0));
            assertThat(later).noneMatch(f -> f.name().equals("skipped"));
        }
    }

    @Test
    void aRunOfNonFiniteGradientsStopsTrainingWithAClearError() {
        try (NDManager data = NDManager.newBaseManager()) {
            Block g = TinyNets.generator();
            assertThatThrownBy(() -> train(data, g, new PoisonedL1(100), 10, new ArrayList<>()))
                    .hasStackTraceContaining("gradients were not finite in 4 steps in a row")
                    .hasStackTraceContaining("resume from the last checkpoint");
        }
    }

    @Test
    void resetGradientsClearsNaNInThePlaceAutogradReadsAndSurvivesGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray w = m.create(new float[] {1f, 2f, 3f, 4f});
            w.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                // d/dw sqrt(|w - w0|) at w = w0 is NaN
                c.backward(w.sub(m.create(new float[] {1f, 2f, 3f, 4f})).abs().sqrt().sum());
            }
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(w);
            ParameterGroup group = new ParameterGroup(java.util.Map.of("net/w", p));
            assertThat(group.nonFiniteGradients()).containsExactly("net/w");

            group.resetGradients(List.of("net/w"));
            // churn the Java heap and direct memory: a gradient whose storage had been swapped for a
            // short-lived Java buffer would now read freed memory
            for (int i = 0; i < 50; i++) {
                java.nio.ByteBuffer.allocateDirect(1 << 16).putFloat(0, Float.NaN);
            }
            System.gc();
            assertThat(group.nonFiniteGradients()).isEmpty();
            try (ai.djl.ndarray.NDArray g = w.getGradient()) {
                assertThat(g.toFloatArray()).containsOnly(0f);
            }
            // the next backward accumulates into the cleared gradient
            try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                c.backward(w.mul(2f).sum());
            }
            try (ai.djl.ndarray.NDArray g = w.getGradient()) {
                assertThat(g.toFloatArray()).containsOnly(2f);
            }
        }
    }
}
