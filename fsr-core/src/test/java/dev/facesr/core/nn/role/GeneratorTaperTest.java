package dev.facesr.core.nn.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.ParameterCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTaperTest {

    private static Generator.Builder tapered() {
        return Generator.builder().setScale(8).optChannels(16).optResidualBlocks(1)
                .optNorm(NormType.NONE).optHeadKernel(3).optTailKernel(3)
                .optUpsampleChannels(List.of(16, 8, 4));
    }

    @Test
    void taperedUpsamplerGivesTheRightShapeAndFewerParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            Generator g = tapered().build();
            Shape in = new Shape(2, 3, 4, 4);
            g.initialize(m, DataType.FLOAT32, in);
            NDArray out = g.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false).head();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3, 32, 32));
            assertThat(g.getOutputShapes(new Shape[] {in})[0]).isEqualTo(out.getShape());

            Generator wide = Generator.builder().setScale(8).optChannels(16).optResidualBlocks(1)
                    .optNorm(NormType.NONE).optHeadKernel(3).optTailKernel(3).build();
            wide.initialize(m, DataType.FLOAT32, in);
            // upsampler stages: 16->64 (3x3), 16->32, 8->16; tail 4->3
            long upsampler = (16 * 64 * 9 + 64) + (16 * 32 * 9 + 32) + (8 * 16 * 9 + 16);
            long tail = 4 * 3 * 9 + 3;
            long wideUpsampler = 3L * (16 * 64 * 9 + 64);
            long wideTail = 16 * 3 * 9 + 3;
            assertThat(ParameterCounts.trainable(wide) - ParameterCounts.trainable(g))
                    .isEqualTo(wideUpsampler + wideTail - upsampler - tail);
        }
    }

    @Test
    void argumentsRoundTripKeepsTheTaper() {
        Generator g = tapered().build();
        assertThat(g.arguments()).containsEntry("upsampleChannels", List.of(16, 8, 4));
        Generator again = Generator.builder().fromArguments(g.arguments()).build();
        assertThat(again.arguments()).isEqualTo(g.arguments());
        // JSON numbers arrive as doubles
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(g.arguments());
        json.put("upsampleChannels", List.of(16.0, 8.0, 4.0));
        assertThat(Generator.builder().fromArguments(json).build().arguments()).isEqualTo(g.arguments());
    }

    @Test
    void rejectsATaperThatDoesNotFitTheStages() {
        assertThatThrownBy(() -> tapered().optUpsampleChannels(List.of(16, 8)).build())
                .hasMessageContaining("one entry per stage");
        assertThatThrownBy(() -> Generator.builder().setRefine().optUpsampleChannels(List.of(8)).build())
                .hasMessageContaining("upscale mode only");
    }
}
