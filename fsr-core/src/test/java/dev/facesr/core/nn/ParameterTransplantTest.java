package dev.facesr.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.facesr.core.nn.role.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterTransplantTest {

    private static Generator generator(int blocks, int channels) {
        return BlockHarness.tinyGenerator(channels, blocks);
    }

    private static float[] values(Generator g, String structuralName) {
        for (Pair<String, Parameter> p : g.getParameters()) {
            if (ParameterTransplant.structuralName(p.getKey()).equals(structuralName)) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no parameter " + structuralName);
    }

    @Test
    void structuralNamesDropDjlOrdinalsOnly() {
        assertThat(ParameterTransplant.structuralName("03body_13fuse_01conv_weight"))
                .isEqualTo("body_fuse_conv_weight");
        assertThat(ParameterTransplant.structuralName("03body_11block10_02conv2_01conv_bias"))
                .isEqualTo("body_block10_conv2_conv_bias");
        assertThat(ParameterTransplant.structuralName("101tail_weight")).isEqualTo("tail_weight");
    }

    @Test
    void copiesEveryParameterOfAShallowerNetworkAndReportsTheNewOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 8, 8);
            m.getEngine().setRandomSeed(1);
            Generator small = generator(1, 8);
            small.initialize(m, DataType.FLOAT32, in);
            m.getEngine().setRandomSeed(2);
            Generator big = generator(3, 8);
            big.initialize(m, DataType.FLOAT32, in);
            float[] freshBefore = values(big, "body_block2_conv1_conv_weight");

            ParameterTransplant t = ParameterTransplant.copy(small, big);

            assertThat(t.copied()).hasSize(small.getParameters().size());
            assertThat(t.fresh()).hasSize(big.getParameters().size() - small.getParameters().size())
                    .allMatch(n -> n.startsWith("body_block1_") || n.startsWith("body_block2_"));
            // the group's fuse convolution sits after more blocks in the big network: matched by structure
            assertThat(values(big, "body_fuse_conv_weight")).containsExactly(values(small, "body_fuse_conv_weight"));
            assertThat(values(big, "body_block0_conv2_conv_weight"))
                    .containsExactly(values(small, "body_block0_conv2_conv_weight"));
            assertThat(values(big, "body_block2_conv1_conv_weight")).containsExactly(freshBefore);

            ParameterTransplant.zero(big, List.of("body_block2_conv2_conv_weight"));
            assertThat(values(big, "body_block2_conv2_conv_weight")).containsOnly(0f);
        }
    }

    @Test
    void refusesShapeMismatchesMissingTargetsAndUninitialisedNetworks() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 8, 8);
            Generator narrow = generator(1, 8);
            narrow.initialize(m, DataType.FLOAT32, in);
            Generator wide = generator(1, 16);
            wide.initialize(m, DataType.FLOAT32, in);
            Generator deep = generator(2, 8);
            deep.initialize(m, DataType.FLOAT32, in);

            assertThatThrownBy(() -> ParameterTransplant.copy(narrow, wide))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
            assertThatThrownBy(() -> ParameterTransplant.copy(deep, narrow))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("body_block1").hasMessageContaining("no counterpart");
            assertThatThrownBy(() -> ParameterTransplant.copy(narrow, generator(1, 8)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not initialised");
            assertThatThrownBy(() -> ParameterTransplant.zero(narrow, List.of("nope")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        }
    }
}
