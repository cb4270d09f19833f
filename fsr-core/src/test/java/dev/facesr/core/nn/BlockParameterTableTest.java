package dev.facesr.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.facesr.core.nn.layer.ConvBlock;
import dev.facesr.core.nn.layer.HourglassBlock;
import dev.facesr.core.nn.layer.PixelShuffleUpsampler;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Discriminator;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.core.nn.role.Regressor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures the parameter counts quoted in {@code docs/blocks.md} and prints them as a markdown
 * table. Run: {@code mvn -B -o -pl fsr-core -am verify -Dtest=BlockParameterTableTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. If a block changes, update the doc and the expected
 * numbers here together.
 */
class BlockParameterTableTest {

    private record Row(String name, Supplier<Block> block, Shape[] inputs, long trainable,
            long all) {}

    private static Shape[] shapes(Shape... s) {
        return s;
    }

    static Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        add(rows, "SRResNet x4: `Generator.builder().setScale(4).build()`",
                () -> Generator.builder().setScale(4).build(),
                shapes(new Shape(1, 3, 16, 16)), 1_549_462, 1_553_686);
        add(rows, "SRResNet x8: `Generator.builder().setScale(8).build()`",
                () -> Generator.builder().setScale(8).build(),
                shapes(new Shape(1, 3, 16, 16)), 1_697_175, 1_701_399);
        add(rows, "Refine (any scale): `Generator.builder().setRefine().build()`",
                () -> Generator.builder().setRefine().build(),
                shapes(new Shape(1, 3, 16, 16)), 1_254_036, 1_258_260);
        add(rows, "ESPCN-style x3 (see below)",
                BlockParameterTableTest::espcn, shapes(new Shape(1, 3, 16, 16)), 31_131, 31_131);
        add(rows, "Encoder(64, 2 down, 4 res) (cross-domain)",
                () -> Encoder.builder().setChannels(64).optResidualBlocks(4).build(),
                shapes(new Shape(1, 3, 16, 16)), 5_091_456, 5_091_456);
        add(rows, "Regressor(256, 3 stages x 2 blocks)",
                () -> Regressor.builder().setChannels(256).setStages(3).build(),
                shapes(new Shape(1, 256, 4, 4)), 8_851_200, 8_851_200);
        add(rows, "Decoder(64, 2 up, 4 res) (cross-domain)",
                () -> Decoder.builder().setChannels(64).optResidualBlocks(4).build(),
                shapes(new Shape(1, 256, 4, 4)), 6_787_779, 6_787_779);
        add(rows, "PatchGAN: `Discriminator.builder().build()`",
                () -> Discriminator.builder().build(),
                shapes(new Shape(1, 3, 16, 16)), 1_557_377, 1_559_169);
        add(rows, "PatchGAN conditioned on LR (nearest)",
                () -> Discriminator.builder().optCondition(ResizeMode.NEAREST).build(),
                shapes(new Shape(1, 3, 16, 16), new Shape(1, 3, 4, 4)), 1_559_105, 1_560_897);
        add(rows, "Global, hidden [1024]",
                () -> Discriminator.builder().optKind(Discriminator.Kind.GLOBAL)
                        .optHidden(List.of(1024)).build(),
                shapes(new Shape(1, 3, 16, 16)), 2_079_105, 2_080_897);
        add(rows, "HourglassBlock(128, depth 4) (FSRNet prior)",
                () -> HourglassBlock.builder().setChannels(128).setDepth(4).build(),
                shapes(new Shape(1, 128, 16, 16)), 3_837_184, 3_837_184);
        return rows;
    }

    private static void add(Map<String, Row> rows, String name, Supplier<Block> block,
            Shape[] inputs, long trainable, long all) {
        rows.put(name, new Row(name, block, inputs, trainable, all));
    }

    /** ESPCN (Shi et al. 2016) on RGB: 5x5 conv 64 tanh, 3x3 conv 32 tanh, sub-pixel x3. */
    static Block espcn() {
        return new SequentialBlock()
                .add(ConvBlock.builder().setChannels(64).optKernelSize(5)
                        .optActivation(ActivationType.TANH).build())
                .add(ConvBlock.builder().setChannels(32)
                        .optActivation(ActivationType.TANH).build())
                .add(PixelShuffleUpsampler.builder().setFactor(3).setChannels(3).build());
    }

    @Test
    void parameterCountsMatchTheDocs() {
        StringBuilder table = new StringBuilder("| Block | Trainable | All (incl. BN stats) |\n");
        table.append("|---|---:|---:|\n");
        Map<String, long[]> measured = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Row row : rows().values()) {
                Block b = row.block().get();
                b.initialize(manager, DataType.FLOAT32, row.inputs());
                long trainable = ParameterCounts.trainable(b);
                long all = ParameterCounts.all(b);
                measured.put(row.name(), new long[] {trainable, all});
                table.append(String.format("| %s | %,d | %,d |%n", row.name(), trainable, all));
            }
        }
        System.out.println(table);
        for (Row row : rows().values()) {
            assertThat(measured.get(row.name()))
                    .as(row.name() + " (trainable, all)")
                    .containsExactly(row.trainable(), row.all());
        }
    }
}
