package dev.facesr.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.modality.cv.Image;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.facesr.examples.SharedDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the four cross-domain stages for two steps each on the real CelebA train split at batch
 * 2, exports the run into the zoo layout with a few measured faces, and loads it back by its
 * directory (skipped when the shared datasets are absent). Checks the plumbing, not the quality.
 */
class CrossDomainTrainingSmokeTest {

    @TempDir Path tmp;

    @Test
    void stagesTrainExportAndLoadForSeveralScales() throws Exception {
        Path data = SharedDatasets.withCelebaOrSkip();
        Path run = tmp.resolve("run");
        assertThat(new CommandLine(new TrainCrossDomain()).execute("--steps", "2,2,2,2,0", "--batch", "2",
                "--log-every", "2", "--checkpoint-every", "4", "--validate-every", "2", "--validation-batches", "1",
                "--out", run.toString(), "--datasets", data.toString())).isZero();
        String figures = Files.readString(run.resolve("figures.csv"));
        assertThat(figures).contains("autoencoder").contains("regressor").contains("gan").contains("end-to-end")
                .contains("d/loss").contains("val/psnr_y");
        assertThat(run.resolve("final").resolve(TrainCrossDomain.PARAMS)).isRegularFile();

        Path zoo = tmp.resolve("cd-smoke");
        assertThat(new CommandLine(new ExportCrossDomain()).execute("--run", run.toString(), "--name", "cd-smoke",
                "--out", zoo.toString(), "--commit", "test", "--recipe", "smoke", "--val-faces", "2",
                "--test-faces", "2", "--datasets", data.toString())).isZero();
        ModelCard card = FsrModelZoo.cardOf(zoo);
        assertThat(card.metrics()).containsKeys("celeba-val-2-x4.psnr-y", "celeba-val-2-x6.4.psnr-y",
                "celeba-val-2-x8.ssim-y", "celeba-1000.psnr-y", "helen-50.ssim-y");
        try (ZooFaceUpscaler up = FsrModelZoo.upscaler(zoo)) {
            assertThat(up.acceptsAnyInputSize()).isTrue();
            for (int side : new int[] {16, 20, 32}) {
                Image lr = new ai.djl.modality.cv.BufferedImageFactory().fromImage(
                        new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB));
                assertThat(up.upscale(List.of(lr)).get(0).getWidth()).isEqualTo(128);
            }
        }
    }
}
