package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.models.baseline.FastSr;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.landmarks.LandmarkHourglass;
import dev.facesr.models.sr.SrGenerators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model cards (src/main/resources/dev/facesr/models/<name>/model-card.json) describe
 * the planned models with the architectures' current defaults. They have no weights until the
 * models are trained and exported. To regenerate them after a deliberate design change: {@code
 * mvn -B -o -pl fsr-models -am verify -Dtest=ShippedCardsTest
 * -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfsr.writeShippedCards=$PWD/fsr-models/src/main/resources/dev/facesr/models}.
 */
class ShippedCardsTest {

    static List<ModelCard> planned() {
        return List.of(
                planned("fsr-x8", SrGenerators.FSR_X8.newGenerator(), 16, 128,
                        "Default face SR, 8x (16 -> 128): residual generator with a tapered"
                                + " pixel-shuffle upsampler, trained for PSNR"),
                planned("fsr-x4", SrGenerators.FSR_X4.newGenerator(), 32, 128,
                        "Face SR, 4x (32 -> 128): residual generator with a tapered"
                                + " pixel-shuffle upsampler, trained for PSNR"),
                planned("cross-domain", CrossDomainSr.builder().build(), 16, 128,
                        "Cross-domain face SR for any scale (4x, 6.4x, 8x); the LR face is"
                                + " resized to 128 with MATLAB bicubic first"),
                planned("fast-x8", FastSr.builder().setScale(8).build(), 16, 128,
                        "Fast residual pixel-shuffle face SR baseline, 8x (16 -> 128)"),
                planned("fast-x4", FastSr.builder().setScale(4).build(), 32, 128,
                        "Fast residual pixel-shuffle face SR baseline, 4x (32 -> 128)"),
                planned("landmarks68", LandmarkHourglass.builder().build(), 128, 32,
                        "68-point landmarks (stacked hourglass, 32x32 heatmaps) on 128x128 crops"),
                planned(FsrModelZoo.IDENTITY, IdentityNet.teacher().build(), 128, 128,
                        "Face identity embedding (teacher): 128x128 face crop in the FaceSR"
                                + " template framing -> 128-d unit vector, compared by cosine"),
                planned(FsrModelZoo.lowResolutionName(FsrModelZoo.IDENTITY),
                        IdentityNet.student().build(), 16, 128,
                        "Low-resolution face identity embedding (student of 'identity'): 16x16"
                                + " face -> 128-d unit vector in identity's embedding space"));
    }

    private static ModelCard planned(
            String name, RebuildableBlock block, int in, int out, String description) {
        return ModelCard.builder()
                .setName(name)
                .optDescription(description + ". Not trained yet: no weights.")
                .setArchitecture(Architectures.nameOf(block), block.arguments())
                .setSizes(in, out)
                .build();
    }

    @Test
    void shippedCardsMatchTheArchitectureDefaults() throws Exception {
        String target = System.getProperty("fsr.writeShippedCards");
        if (target != null) {
            FsrModelZoo shippedZoo = FsrModelZoo.classpath();
            List<ModelCard> present = shippedZoo.listModels();
            for (ModelCard c : planned()) {
                if (present.stream().anyMatch(p -> p.name().equals(c.name()) && p.hasWeights())) {
                    continue; // never overwrite a trained model's card (it holds the weights' SHA-256 and metrics)
                }
                Path dir = Path.of(target, c.name());
                Files.createDirectories(dir);
                ModelCards.write(c, dir.resolve(ModelCard.FILE_NAME));
            }
        }
        FsrModelZoo zoo = FsrModelZoo.classpath();
        for (ModelCard expected : planned()) {
            ModelCard shipped = zoo.card(expected.name());
            if (shipped.hasWeights()) {
                // once trained, only the architecture must still rebuild
                assertThat(Architectures.build(shipped.architecture(), shipped.arguments()))
                        .isNotNull();
                continue;
            }
            assertThat(ModelCards.toJson(shipped)).isEqualTo(ModelCards.toJson(expected));
            RebuildableBlock rebuilt =
                    Architectures.build(shipped.architecture(), shipped.arguments());
            assertThat(rebuilt.arguments()).isEqualTo(expected.arguments());
        }
    }
}
