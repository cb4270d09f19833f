package dev.facesr.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import dev.facesr.examples.SharedDatasets;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Trains a shipped SR model for two steps on the real CelebA train split, exports the run into the
 * zoo layout with a few measured faces and loads it back (skipped when the shared datasets are
 * absent). Checks the plumbing of TrainSuperResolution and ExportSrModel, not the quality.
 */
class SrTrainingSmokeTest {

    @TempDir Path tmp;

    @Test
    void trainExportAndLoadFastX8() throws Exception {
        Path data = SharedDatasets.withCelebaOrSkip();
        Path run = tmp.resolve("run");
        assertThat(new CommandLine(new TrainSuperResolution()).execute("--model", "fast-x8", "--steps", "2",
                "--batch", "2", "--checkpoint-every", "2", "--validate-every", "2", "--validation-batches", "1",
                "--out", run.toString(), "--datasets", data.toString())).isZero();
        assertThat(run.resolve("final").resolve("fast-x8.params")).isRegularFile();
        assertThat(run.resolve("final").resolve("training.json")).isRegularFile();

        Path zoo = tmp.resolve("fast-x8");
        assertThat(new CommandLine(new ExportSrModel()).execute("--model", "fast-x8", "--run", run.toString(),
                "--out", zoo.toString(), "--commit", "test", "--val-faces", "2", "--test-faces", "2",
                "--datasets", data.toString())).isZero();
        ModelCard card = FsrModelZoo.cardOf(zoo);
        assertThat(card.steps()).isEqualTo(2);
        assertThat(card.metrics()).containsKeys("celeba-val-2.psnr-y", "celeba-1000.psnr-y", "helen-50.ssim-y");
        try (ZooFaceUpscaler up = FsrModelZoo.upscaler(zoo)) {
            Image lr = new BufferedImageFactory().fromImage(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
            assertThat(up.upscale(List.of(lr)).get(0).getWidth()).isEqualTo(128);
        }
    }

    @Test
    void growATrainedGeneratorAndExportItAsFloat16() throws Exception {
        Path data = SharedDatasets.withCelebaOrSkip();
        Path run = tmp.resolve("shallow");
        assertThat(new CommandLine(new TrainSuperResolution()).execute("--model", "fsr-x8", "--residual-blocks", "1",
                "--steps", "2", "--batch", "2", "--checkpoint-every", "2", "--validate-every", "2",
                "--validation-batches", "1", "--out", run.toString(), "--datasets", data.toString())).isZero();
        Path shallow = tmp.resolve("zoo-shallow");
        assertThat(new CommandLine(new ExportSrModel()).execute("--model", "fsr-x8", "--residual-blocks", "1",
                "--run", run.toString(), "--out", shallow.toString(), "--commit", "test", "--val-faces", "2",
                "--test-faces", "2", "--datasets", data.toString())).isZero();

        Path grownRun = tmp.resolve("grown");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            code = new CommandLine(new TrainSuperResolution()).execute("--model", "fsr-x8", "--residual-blocks", "2",
                    "--init-from", shallow.toString(), "--aspect-range", "0.8,1.2", "--steps", "2", "--batch", "2",
                    "--checkpoint-every", "2", "--validate-every", "2", "--validation-batches", "1",
                    "--out", grownRun.toString(), "--datasets", data.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("grown from").contains("new (added blocks");
        Path grown = tmp.resolve("zoo-grown");
        assertThat(new CommandLine(new ExportSrModel()).execute("--model", "fsr-x8", "--residual-blocks", "2",
                "--aspect-range", "0.8,1.2", "--weights-dtype", "float16", "--run", grownRun.toString(),
                "--out", grown.toString(), "--commit", "test", "--val-faces", "2", "--test-faces", "2",
                "--datasets", data.toString())).isZero();
        ModelCard card = FsrModelZoo.cardOf(grown);
        assertThat(card.weightsDataType()).isEqualTo(ModelCard.FLOAT16);
        assertThat(((Number) card.arguments().get("residualBlocks")).intValue()).isEqualTo(2);
        assertThat(card.crop()).contains("0.8-1.2");
        assertThat(card.metrics()).containsKey("celeba-1000.psnr-y");
        try (ZooFaceUpscaler up = FsrModelZoo.upscaler(grown)) {
            Image lr = new BufferedImageFactory().fromImage(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
            assertThat(up.upscale(List.of(lr)).get(0).getWidth()).isEqualTo(128);
        }
    }
}
