package dev.facesr.core.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.config.AssembledRun;
import dev.facesr.core.train.config.ComponentRegistries;
import dev.facesr.core.train.config.RunAssembler;
import dev.facesr.metrics.SyntheticImages;
import dev.facesr.metrics.image.ImageConversions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny cross-domain schedule described only by a configuration file, on synthetic 16x16
 * faces: autoencoder, regressor with the encoder frozen and a stage-regression loss on the
 * encoded HR target, GAN and end-to-end stages, with PSNR/SSIM validation.
 */
class CrossDomainConfigTest {

    @TempDir Path dir;

    static final String YAML = """
            seed: 3
            checkpoints: {directory: ckpt, every: 100}
            log: {every: 1, file: figures.csv, progress: false}
            degradations:
              same: {type: identity}
              x2: {type: bicubic, args: {scale: 2}}
              up: {type: bicubic, args: {size: [16, 16], quantize: false}}
              lr-on-hr-grid: {type: sequence, args: {steps: [x2, up]}}
            data:
              hr: {type: folder-pairs, args: {root: faces, degradations: same, batchSize: 2}}
              train: {type: folder-pairs, args: {root: faces, degradations: lr-on-hr-grid,
                      augmentation: face-sr, batchSize: 2}}
              val: {type: folder-pairs, args: {root: faces, degradations: lr-on-hr-grid,
                    batchSize: 4, shuffle: false}}
            blocks:
              encoder: {type: encoder, inputShapes: [[1, 3, 16, 16]],
                        args: {channels: 4, downsamplings: 1, residualBlocks: 1}}
              regressor: {type: regressor, inputShapes: [[1, 8, 8, 8]],
                          args: {channels: 8, stages: 2, blocksPerStage: 1}}
              last: {type: last-output, inputShapes: [[1, 8, 8, 8], [1, 8, 8, 8]]}
              decoder: {type: decoder, inputShapes: [[1, 8, 8, 8]],
                        args: {channels: 4, upsamplings: 1, residualBlocks: 1}}
              disc: {type: discriminator, inputShapes: [[1, 3, 16, 16]],
                     args: {channels: 4, downsamplings: 1}}
            losses:
              l1: {type: l1}
              regression: {type: stage-regression, args: {targetEncoder: encoder}}
              g-total:
                type: weighted-sum
                terms:
                  - {type: l1, name: pixel}
                  - {type: gan-generator, name: adversarial, weight: 0.01, input: 1,
                     args: {gan: least-squares}}
              d-total: {type: gan-discriminator, args: {gan: least-squares}}
            stages:
              - {name: autoencoder, network: [encoder, decoder], loss: l1, data: hr, steps: 2,
                 optimizer: {type: adam, args: {lr: 0.001}}}
              - {name: regressor, network: [encoder, regressor], loss: regression, data: train,
                 steps: 2, freeze: [encoder], optimizer: {type: adam, args: {lr: 0.001}}}
              - name: gan
                type: adversarial
                generator: [encoder, regressor, last, decoder]
                discriminator: disc
                generatorLoss: g-total
                discriminatorLoss: d-total
                data: train
                steps: 2
                generatorOptimizer: {type: adam, args: {lr: 0.0001}}
                discriminatorOptimizer: {type: adam, args: {lr: 0.0001}}
              - name: end-to-end
                network: [encoder, regressor, last, decoder]
                loss: l1
                data: train
                steps: 2
                optimizer: {type: adam, schedule: {type: cosine, args: {lr: 0.001, maxUpdates: 2}}}
                validation:
                  data: val
                  metrics: [{type: psnr}, {type: ssim, args: {channels: rgb}}]
            """;

    @Test
    void aCrossDomainScheduleRunsFromAConfigurationFile() throws Exception {
        Path faces = Files.createDirectories(dir.resolve("faces"));
        for (int k = 0; k < 4; k++) {
            ImageIO.write(ImageConversions.toBufferedImage(SyntheticImages.reference(16, 16, k)),
                    "png", faces.resolve("face" + k + ".png").toFile());
        }
        Path config = Files.writeString(dir.resolve("cross-domain.yaml"), YAML);
        AssembledRun assembled = new RunAssembler(ComponentRegistries.discover())
                .assemble(config);
        RunResult result;
        try (TrainingRun run = assembled.builder().build()) {
            result = run.run();
        }
        assertThat(result.globalStep()).isEqualTo(8);
        assertThat(result.lastFigures()).containsKeys("val/psnr", "val/ssim", "g/loss/pixel",
                "g/loss/adversarial", "d/loss");
        assertThat(result.lastFigures().get("val/psnr")).isBetween(1.0, 60.0);
        List<String> lines = Files.readAllLines(dir.resolve("figures.csv"));
        assertThat(lines).anyMatch(l -> l.contains(",regressor,loss,"));
        try (var files = Files.list(dir.resolve("ckpt"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("ckpt-000000000008.fsrckpt");
        }
    }
}
