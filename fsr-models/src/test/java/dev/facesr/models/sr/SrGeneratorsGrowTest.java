package dev.facesr.models.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.ParameterTransplant;
import dev.facesr.core.nn.role.Generator;
import org.junit.jupiter.api.Test;

class SrGeneratorsGrowTest {

    private static NDArray forward(NDManager m, Generator g, NDArray x) {
        return g.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void aGrownGeneratorComputesWhatTheTrainedOneDidAndCanStillLearn() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 3, 16, 16);
            m.getEngine().setRandomSeed(11);
            Generator trained = SrGenerators.FSR_X8.newGenerator(2);
            trained.initialize(m, DataType.FLOAT32, in);
            Generator deeper = SrGenerators.FSR_X8.newGenerator(4);
            deeper.initialize(m, DataType.FLOAT32, in);
            NDArray x = m.randomUniform(0f, 1f, in);

            ParameterTransplant report = SrGenerators.grow(trained, deeper);

            assertThat(report.fresh()).isNotEmpty()
                    .allMatch(n -> n.startsWith("body_block2_") || n.startsWith("body_block3_"));
            NDArray before = forward(m, trained, x);
            NDArray after = forward(m, deeper, x);
            assertThat(after.getShape()).isEqualTo(new Shape(2, 3, 128, 128));
            assertThat(after.sub(before).abs().max().getFloat()).isLessThan(1e-5f);
            // only the added blocks' last convolutions are zero: their first ones keep random values
            // so the blocks receive gradients and can learn
            assertThat(report.fresh()).anyMatch(n -> n.contains("conv1"));
        }
    }

    @Test
    void refusesToGrowIntoAnotherArchitectureOrAShallowerOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Generator x8 = SrGenerators.FSR_X8.newGenerator(2);
            x8.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            Generator x4 = SrGenerators.FSR_X4.newGenerator(3);
            x4.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            Generator shallow = SrGenerators.FSR_X8.newGenerator(1);
            shallow.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            assertThatThrownBy(() -> SrGenerators.grow(x8, x4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("same arguments");
            assertThatThrownBy(() -> SrGenerators.grow(x8, shallow)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SrGenerators.FSR_X8.newGenerator(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
