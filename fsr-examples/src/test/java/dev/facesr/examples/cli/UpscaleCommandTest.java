package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.examples.report.FakeDatasets;
import dev.facesr.metrics.SyntheticImages;
import dev.facesr.metrics.image.ImageConversions;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fsr upscale} on a temporary folder of synthetic images with a tiny randomly initialised
 * x8 generator folder: output tree, bad files skipped with exit code 1, single output file,
 * {@code --aligned}, model errors.
 */
class UpscaleCommandTest {
    @TempDir Path tmp;
    Path model;

    @BeforeEach
    void writeModel() throws Exception {
        model = FakeDatasets.writeTrainedFolder(tmp.resolve("run/final"), "tiny-x8");
    }

    private void image(Path file, int w, int h, long seed) throws Exception {
        Files.createDirectories(file.getParent());
        String ext = file.getFileName().toString().endsWith(".jpg") ? "jpeg" : "png";
        assertThat(ImageIO.write(ImageConversions.toBufferedImage(SyntheticImages.reference(h, w, seed)), ext,
                file.toFile())).isTrue();
    }

    private static BufferedImage read(Path p) throws Exception {
        BufferedImage im = ImageIO.read(p.toFile());
        assertThat(im).as(p.toString()).isNotNull();
        return im;
    }

    @Test
    void folderIsMirroredAndABadFileIsSkippedWithExitCodeOne() throws Exception {
        Path in = tmp.resolve("in");
        image(in.resolve("a.png"), 40, 30, 1);
        image(in.resolve("sub/b.jpg"), 24, 24, 2);
        Files.writeString(in.resolve("sub/broken.png"), "not an image");
        image(in.resolve(".hidden/c.png"), 24, 24, 3);
        Files.writeString(in.resolve("notes.txt"), "ignored");
        Path out = tmp.resolve("out");

        CliRun run = CliRun.run("upscale", in.toString(), "-o", out.toString(), "--model-dir", model.toString());

        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err).contains("skipped").contains("broken.png");
        assertThat(run.out).contains("upscaled 2 of 3 file(s)").contains("1 failed");
        BufferedImage a = read(out.resolve("a.png"));
        assertThat(a.getWidth()).isEqualTo(320);
        assertThat(a.getHeight()).isEqualTo(240);
        assertThat(read(out.resolve("sub/b.png")).getWidth()).isEqualTo(192);
        assertThat(out.resolve("sub/broken.png")).doesNotExist();
        assertThat(out.resolve(".hidden")).doesNotExist();
        assertThat(out.resolve("notes.png")).doesNotExist();
    }

    @Test
    void severalInputsGoUnderTheirNamesAndAMissingOneIsReported() throws Exception {
        image(tmp.resolve("one.png"), 32, 32, 4);
        image(tmp.resolve("set/x/two.png"), 32, 32, 5);
        Path out = tmp.resolve("res");

        CliRun run = CliRun.run("upscale", tmp.resolve("one.png").toString(), tmp.resolve("set").toString(),
                tmp.resolve("missing.png").toString(), "-o", out.toString(), "--model-dir", model.toString());

        assertThat(run.code).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err).contains("missing.png: no such file or folder");
        assertThat(read(out.resolve("one.png")).getWidth()).isEqualTo(256);
        assertThat(read(out.resolve("set/x/two.png")).getWidth()).isEqualTo(256);
    }

    @Test
    void alignedCropsGoStraightToTheModelAndASingleOutputFileIsWritten() throws Exception {
        image(tmp.resolve("crop.png"), 16, 16, 6);
        image(tmp.resolve("big-crop.png"), 50, 50, 7);
        Path result = tmp.resolve("result.png");

        CliRun one = CliRun.run("upscale", tmp.resolve("crop.png").toString(), "-o", result.toString(), "--aligned",
                "--model-dir", model.toString());
        assertThat(one.code).as(one.err).isEqualTo(ExitCodes.OK);
        assertThat(one.out).contains("aligned crop");
        BufferedImage r = read(result);
        assertThat(r.getWidth()).isEqualTo(128);
        assertThat(r.getHeight()).isEqualTo(128);

        CliRun other = CliRun.run("upscale", tmp.resolve("big-crop.png").toString(), "-o", tmp.resolve("o").toString(),
                "--aligned", "--model-dir", model.toString());
        assertThat(other.code).as(other.err).isEqualTo(ExitCodes.OK);
        assertThat(read(tmp.resolve("o/big-crop.png")).getWidth()).isEqualTo(128);
        assertThat(new File(tmp.resolve("o").toString()).list()).containsExactly("big-crop.png");
    }

    @Test
    void modelErrorsAreClear() throws Exception {
        image(tmp.resolve("p.png"), 32, 32, 8);
        CliRun unknown = CliRun.run("upscale", tmp.resolve("p.png").toString(), "-o", tmp.resolve("o").toString(),
                "--model", "no-such-model");
        assertThat(unknown.code).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err).contains("No trained SR model named 'no-such-model'").contains("available:")
                .contains("--model-dir");

        CliRun wrongScale = CliRun.run("upscale", tmp.resolve("p.png").toString(), "-o", tmp.resolve("o").toString(),
                "--model-dir", model.toString(), "--scale", "4");
        assertThat(wrongScale.code).isEqualTo(ExitCodes.FAILED);
        assertThat(wrongScale.err).contains("trained for x8 only");

        CliRun tiny = CliRun.run("upscale", tmp.resolve("p.png").toString(), "-o", tmp.resolve("o").toString(),
                "--model-dir", model.toString(), "--min-face", "5");
        assertThat(tiny.code).isEqualTo(ExitCodes.USAGE);
        assertThat(tiny.err).contains("--min-face must be at least 8");

        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void landmarks68CanFindTheAlignmentPoints() throws Exception {
        image(tmp.resolve("lm.png"), 64, 48, 3);
        CliRun bad = CliRun.run("upscale", tmp.resolve("lm.png").toString(), "-o", tmp.resolve("lm-bad").toString(),
                "--model-dir", model.toString(), "--landmarks", "eyes");
        assertThat(bad.code).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err).contains("--landmarks").contains("box").contains("landmarks68");

        CliRun run = CliRun.run("upscale", tmp.resolve("lm.png").toString(), "-o", tmp.resolve("lm-out").toString(),
                "--model-dir", model.toString(), "--landmarks", "landmarks68");
        if (dev.facesr.models.zoo.ZooLandmarkEstimator.shippedWeightsPresent()) {
            assertThat(run.code).as(run.err).isEqualTo(ExitCodes.OK);
            assertThat(tmp.resolve("lm-out/lm.png")).exists();
        } else {
            assertThat(run.code).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err).contains("no trained weights");
        }
    }

    @Test
    void withoutAModelOptionTheDefaultShippedModelIsAsked() throws Exception {
        image(tmp.resolve("p.png"), 32, 32, 8);
        java.util.List<String> asked = new java.util.ArrayList<>();
        UpscalerResolver recording = new UpscalerResolver() {
            @Override
            public java.util.List<String> available() {
                return java.util.List.of();
            }

            @Override
            public dev.facesr.core.pipeline.FaceUpscaler resolve(String name, Double scale) {
                asked.add(name);
                throw new IllegalArgumentException("recorded");
            }
        };
        int code = new picocli.CommandLine(new UpscaleCommand(recording))
                .execute(tmp.resolve("p.png").toString(), "-o", tmp.resolve("o2").toString());
        assertThat(asked).containsExactly("fsr-x8");
        assertThat(code).isNotZero();
    }

    /** A stand-in upscaler of the given sizes (nearest-neighbour enlargement), recording its name. */
    private static dev.facesr.core.pipeline.FaceUpscaler stub(String name, int in, int out) {
        return new dev.facesr.core.pipeline.FaceUpscaler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int inputSize() {
                return in;
            }

            @Override
            public int outputSize() {
                return out;
            }

            @Override
            public java.util.List<ai.djl.modality.cv.Image> upscale(java.util.List<ai.djl.modality.cv.Image> crops) {
                java.util.List<ai.djl.modality.cv.Image> r = new java.util.ArrayList<>();
                for (ai.djl.modality.cv.Image c : crops) {
                    r.add(c.resize(out, out, false));
                }
                return r;
            }

            @Override
            public void close() {}
        };
    }

    private static final class RecordingResolver implements UpscalerResolver {
        final java.util.List<String> asked = new java.util.ArrayList<>();
        final java.util.List<dev.facesr.models.zoo.TestTimeAugmentation> modes = new java.util.ArrayList<>();

        @Override
        public dev.facesr.core.pipeline.FaceUpscaler resolve(String name, Double scale,
                dev.facesr.models.zoo.TestTimeAugmentation tta) {
            modes.add(tta);
            return resolve(name, scale);
        }

        @Override
        public java.util.List<String> available() {
            return java.util.List.of("fsr-x8", "fsr-x4");
        }

        @Override
        public dev.facesr.core.pipeline.FaceUpscaler resolve(String name, Double scale) {
            asked.add(name);
            return name.equals("fsr-x4") ? stub(name, 32, 128) : stub(name, 16, 128);
        }
    }

    @Test
    void theDefaultPairRestoresPhotosAndScaleSetsTheEnlargement() throws Exception {
        image(tmp.resolve("p.png"), 40, 30, 8);
        RecordingResolver resolver = new RecordingResolver();
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new UpscaleCommand(resolver));
        cli.setOut(new java.io.PrintWriter(out));
        int code = cli.execute(tmp.resolve("p.png").toString(), "-o", tmp.resolve("p2.png").toString(), "--scale", "2");
        assertThat(code).isZero();
        assertThat(resolver.asked).containsExactly("fsr-x8", "fsr-x4");
        assertThat(out.toString()).contains("larger faces: fsr-x4 32x32 -> 128x128");
        assertThat(read(tmp.resolve("p2.png")).getWidth()).isEqualTo(80);
    }

    @Test
    void flipTestTimeAugmentationReachesBothDefaultModelsAndIsRefusedForATrainedFolder() throws Exception {
        image(tmp.resolve("t.png"), 40, 30, 8);
        RecordingResolver resolver = new RecordingResolver();
        int code = new picocli.CommandLine(new UpscaleCommand(resolver))
                .execute(tmp.resolve("t.png").toString(), "-o", tmp.resolve("t2.png").toString(), "--tta", "flip");
        assertThat(code).isZero();
        assertThat(resolver.asked).containsExactly("fsr-x8", "fsr-x4");
        assertThat(resolver.modes).containsOnly(dev.facesr.models.zoo.TestTimeAugmentation.FLIP).hasSize(2);

        CliRun folder = CliRun.run("upscale", tmp.resolve("t.png").toString(), "-o", tmp.resolve("t3.png").toString(),
                "--model-dir", model.toString(), "--tta", "flip");
        assertThat(folder.code).isNotZero();
        assertThat(folder.err).contains("--tta flip").contains("trained generator folder");

        CliRun unknown = CliRun.run("upscale", tmp.resolve("t.png").toString(), "--tta", "rotate");
        assertThat(unknown.code).isNotZero();
        assertThat(unknown.err).contains("rotate");
    }

    @Test
    void alignedCropsAtScaleFourUseTheFourTimesModel() throws Exception {
        image(tmp.resolve("c.png"), 32, 32, 9);
        RecordingResolver resolver = new RecordingResolver();
        int code = new picocli.CommandLine(new UpscaleCommand(resolver)).execute(tmp.resolve("c.png").toString(), "-o",
                tmp.resolve("c4.png").toString(), "--aligned", "--scale", "4");
        assertThat(code).isZero();
        assertThat(resolver.asked).containsExactly("fsr-x4");
        assertThat(read(tmp.resolve("c4.png")).getWidth()).isEqualTo(128);

        CliRun three = CliRun.run("upscale", tmp.resolve("c.png").toString(), "-o", tmp.resolve("c3.png").toString(),
                "--aligned", "--scale", "3");
        assertThat(three.code).isEqualTo(ExitCodes.FAILED);
        assertThat(three.err).contains("4x (fsr-x4) or 8x (fsr-x8), not 3.0x");
    }
}
