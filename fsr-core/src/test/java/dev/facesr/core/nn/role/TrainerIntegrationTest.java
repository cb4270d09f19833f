package dev.facesr.core.nn.role;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.NormType;
import org.junit.jupiter.api.Test;

/** The blocks inside DJL's own Trainer: its initialiser, parameter store and optimiser step. */
class TrainerIntegrationTest {

    @Test
    void generatorTrainsOneStepWithDjlTrainer() {
        Generator g = Generator.builder().setScale(2).optChannels(4).optResidualBlocks(1)
                .optHeadKernel(3).optTailKernel(3).optNorm(NormType.BATCH)
                .optActivation(ActivationType.PRELU).build();
        try (Model model = Model.newInstance("tiny-generator")) {
            model.setBlock(g);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(
                            Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 3, 4, 4));
                NDArray lr = trainer.getManager().randomUniform(0f, 1f, new Shape(2, 3, 4, 4));
                NDArray hr = trainer.getManager().randomUniform(0f, 1f, new Shape(2, 3, 8, 8));
                float[] before = g.getParameters().get(0).getValue().getArray().toFloatArray();
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList sr = trainer.forward(new NDList(lr));
                    assertThat(sr.head().getShape()).isEqualTo(new Shape(2, 3, 8, 8));
                    collector.backward(trainer.getLoss().evaluate(new NDList(hr), sr));
                }
                trainer.step();
                float[] after = g.getParameters().get(0).getValue().getArray().toFloatArray();
                assertThat(after).isNotEqualTo(before);
            }
        }
    }
}
