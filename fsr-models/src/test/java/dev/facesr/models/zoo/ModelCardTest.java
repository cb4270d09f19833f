package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.core.Linear;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.models.baseline.FastSr;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.landmarks.LandmarkHourglass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    @TempDir Path tmp;

    private static ModelCard.Builder fast(int in, int out) {
        return ModelCard.builder().setName("m")
                .setArchitecture("fast", FastSr.builder().setScale(8).build().arguments())
                .setSizes(in, out);
    }

    @Test
    void sizesMustFitTheArchitecture() {
        assertThat(fast(16, 128).build().scale()).isEqualTo(8.0);
        assertThatThrownBy(() -> fast(32, 128).build())
                .hasMessageContaining("'m'").hasMessageContaining("maps 32 to 256");
        Map<String, Object> cd = CrossDomainSr.builder().build().arguments();
        assertThat(ModelCard.builder().setName("c").setArchitecture("crossdomain", cd)
                .setSizes(20, 128).build().scale()).isEqualTo(6.4);
        assertThatThrownBy(() -> ModelCard.builder().setName("c")
                        .setArchitecture("crossdomain", cd).setSizes(16, 130).build())
                .hasMessageContaining("divisible by 4");
        Map<String, Object> lm = LandmarkHourglass.builder().build().arguments();
        assertThat(ModelCard.builder().setName("l").setArchitecture("landmarks-hourglass", lm)
                .setSizes(128, 32).build().scale()).isZero();
        assertThatThrownBy(() -> ModelCard.builder().setName("l")
                        .setArchitecture("landmarks-hourglass", lm).setSizes(128, 128).build())
                .hasMessageContaining("4 x heatmap side");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> fast(16, 128).setName("Bad Name").build())
                .hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> fast(16, 128).optWeights("w.bin", 1, null).build())
                .hasMessageContaining("<prefix>-<4-digit epoch>.params");
        assertThatThrownBy(() -> fast(16, 128).optWeights(null, 1, "abc").build())
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> ModelCard.builder().setName("m")
                        .setArchitecture("srgan", Map.of()).setSizes(1, 2).build())
                .hasMessageContaining("Unknown architecture 'srgan'");
    }

    @Test
    void invalidCardFilesNameTheFile() throws Exception {
        Path file = tmp.resolve(ModelCard.FILE_NAME);
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> ModelCards.read(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON");
        Files.writeString(file, "{\"name\": \"m\", \"inputSize\": 16, \"outputSize\": 128}");
        assertThatThrownBy(() -> ModelCards.read(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("'architecture'");
    }

    @Test
    void exporterRefusesUninitialisedAndForeignBlocks() {
        assertThatThrownBy(() -> ModelExporter.export(FastSr.builder().setScale(4).build(),
                        ModelCard.builder().setName("x").setSizes(8, 32), tmp.resolve("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialise");
        RebuildableBlock foreign = new Foreign();
        assertThatThrownBy(() -> Architectures.nameOf(foreign))
                .hasMessageContaining("CrossDomainSr, FastSr, Generator, LandmarkHourglass and IdentityNet");
    }

    /** A block that is rebuildable but not a zoo architecture. */
    private static final class Foreign extends ai.djl.nn.SequentialBlock
            implements RebuildableBlock {
        Foreign() {
            add(Linear.builder().setUnits(1).build());
        }

        @Override
        public Map<String, Object> arguments() {
            return Map.of();
        }
    }
}
