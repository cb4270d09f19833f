package dev.facesr.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.facesr.core.nn.role.Generator;
import org.junit.jupiter.api.Test;

class ParameterPrecisionTest {

    private static final Shape IN = new Shape(1, 3, 8, 8);

    private static Generator generator() {
        return BlockHarness.tinyGenerator(8, 1);
    }

    @Test
    void roundTripsThroughFloat16AndComputesAsBeforeWithinHalfPrecision() {
        try (NDManager m = NDManager.newBaseManager()) {
            Generator g = BlockHarness.init(m, generator(), IN);
            NDList x = BlockHarness.inputs(m, IN);
            float[] before = BlockHarness.forward(m, g, x, false).singletonOrThrow().toFloatArray();
            int arrays = m.getManagedArrays().size();
            int n = ParameterPrecision.convert(g, DataType.FLOAT16);
            // each old array is closed, not left in the manager
            assertThat(m.getManagedArrays()).hasSize(arrays);
            assertThat(n).isEqualTo(g.getParameters().size());
            for (Pair<String, Parameter> p : g.getParameters()) {
                assertThat(p.getValue().getArray().getDataType()).as(p.getKey()).isEqualTo(DataType.FLOAT16);
            }
            assertThat(ParameterPrecision.convert(g, DataType.FLOAT16)).as("already float16").isZero();
            assertThat(ParameterPrecision.convert(g, DataType.FLOAT32)).isEqualTo(n);

            NDArray after = BlockHarness.forward(m, g, x, false).singletonOrThrow();
            assertThat(after.getDataType()).isEqualTo(DataType.FLOAT32);
            float[] a = after.toFloatArray();
            float worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - before[i]));
            }
            assertThat(worst).isLessThan(5e-3f).isGreaterThan(0f);
        }
    }

    @Test
    void runAsGivesTheActionConvertedParametersAndRestoresTheExactOriginals() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Generator g = BlockHarness.init(m, generator(), IN);
            NDList x = BlockHarness.inputs(m, IN);
            float[] before = BlockHarness.forward(m, g, x, false).singletonOrThrow().toFloatArray();
            java.util.List<DataType> seen = new java.util.ArrayList<>();
            ParameterPrecision.runAs(g, DataType.FLOAT16,
                    () -> seen.add(g.getParameters().valueAt(0).getArray().getDataType()));
            assertThat(seen).containsExactly(DataType.FLOAT16);
            assertThat(BlockHarness.forward(m, g, x, false).singletonOrThrow().toFloatArray()).containsExactly(before);
            assertThatThrownBy(() -> ParameterPrecision.runAs(g, DataType.FLOAT16, () -> {
                throw new java.io.IOException("disk full");
            })).hasMessageContaining("disk full");
            assertThat(g.getParameters().valueAt(0).getArray().getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void refusesOtherTypesAndUninitialisedBlocks() {
        Generator g = Generator.builder().setScale(2).optChannels(8).optResidualBlocks(1).build();
        assertThatThrownBy(() -> ParameterPrecision.convert(g, DataType.FLOAT16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialise");
        assertThatThrownBy(() -> ParameterPrecision.convert(g, DataType.BFLOAT16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT16");
    }
}
