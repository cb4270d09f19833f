package dev.facesr.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import dev.facesr.models.identity.IdentityNet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs both training stages for a few steps on the real CelebA train split, resumes, and
 * evaluates the result on a few CelebA val identities (skipped when the shared datasets are
 * absent). Checks the plumbing, not the accuracy.
 */
class IdentityTrainingSmokeTest {

    @TempDir Path tmp;

    private static Path datasets() {
        return Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
    }

    private static int train(String... args) {
        return new CommandLine(new TrainIdentity()).execute(args);
    }

    @Test
    void bothStagesTrainResumeAndEvaluateOnCelebA() throws Exception {
        Path data = datasets();
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("celeba/identities.csv")),
                "shared datasets not found at " + data + " (set -Dfsr.datasets)");
        Path teacherRun = tmp.resolve("teacher");
        String[] teacherArgs = {"--stage", "teacher", "--steps", "4", "--batch", "4",
                "--triplet-weight", "0.5",
                "--checkpoint-every", "2", "--log-every", "2", "--out", teacherRun.toString(),
                "--datasets", data.toString()};
        assertThat(train(teacherArgs)).isZero();
        Path teacherFinal = teacherRun.resolve("final");
        assertThat(IdentityModelFolder.card(teacherFinal)).containsEntry("role", "teacher")
                .containsKey("classifierArguments");
        assertThat(Files.readString(teacherRun.resolve("figures.csv")))
                .contains("loss/margin").contains("loss/triplet");
        // a second call resumes from the last checkpoint: every step is done, nothing to train
        long before = Files.getLastModifiedTime(teacherRun.resolve("checkpoints")
                .resolve("ckpt-000000000004.fsrckpt")).toMillis();
        assertThat(train(teacherArgs)).isZero();
        assertThat(Files.getLastModifiedTime(teacherRun.resolve("checkpoints")
                .resolve("ckpt-000000000004.fsrckpt")).toMillis()).isEqualTo(before);

        Path studentRun = tmp.resolve("student");
        assertThat(train("--stage", "student", "--steps", "4", "--batch", "4", "--out",
                studentRun.toString(), "--datasets", data.toString())).isNotZero(); // no --teacher
        assertThat(train("--stage", "student", "--teacher", teacherFinal.toString(),
                "--identity-weight", "0.1", "--steps", "4", "--batch", "4", "--validate-every", "2",
                "--validation-batches", "1", "--log-every", "2", "--out", studentRun.toString(),
                "--datasets", data.toString())).isZero();
        Path studentFinal = studentRun.resolve("final");
        assertThat(IdentityModelFolder.card(studentFinal)).containsEntry("role", "student");
        assertThat(Files.readString(studentRun.resolve("figures.csv")))
                .contains("loss/distill").contains("loss/identity").contains("val/distill");

        // evaluation with an "SR" that is MATLAB bicubic: its rows must equal the bicubic rows
        Function<List<Image>, List<Image>> bicubicSr = images -> {
            List<Image> out = new ArrayList<>();
            for (Image im : images) {
                out.add(enlarge(im));
            }
            return out;
        };
        EvaluateIdentity eval = new EvaluateIdentity();
        new CommandLine(eval).parseArgs("--teacher", teacherFinal.toString(), "--out",
                tmp.resolve("eval").toString(), "--max-identities", "5", "--positive-pairs", "10",
                "--negative-pairs", "20", "--batch", "16");
        try (NDManager m = NDManager.newBaseManager()) {
            IdentityNet teacher = IdentityModelFolder.loadNetwork(teacherFinal, m);
            IdentityNet student = IdentityModelFolder.loadNetwork(studentFinal, m);
            Map<String, Object> report = eval.evaluate(data.resolve("celeba"), teacher, student,
                    bicubicSr, "bicubic-function", m);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> results =
                    (Map<String, Map<String, Object>>) (Map<?, ?>) report.get("results");
            assertThat(results).containsOnlyKeys("hr", "bicubic", "student", "sr");
            assertThat(results.get("sr").get("rank1")).isEqualTo(results.get("bicubic").get("rank1"));
            @SuppressWarnings("unchecked")
            Map<String, Object> srVerification =
                    (Map<String, Object>) results.get("sr").get("verificationHrVsProbe");
            @SuppressWarnings("unchecked")
            Map<String, Object> bicubicVerification =
                    (Map<String, Object>) results.get("bicubic").get("verificationHrVsProbe");
            assertThat((double[]) srVerification.get("foldAccuracies"))
                    .containsExactly((double[]) bicubicVerification.get("foldAccuracies"));
            assertThat((List<?>) report.get("pairs")).hasSize(30);
            assertThat(EvaluateIdentity.markdown(report)).contains("16x16, student")
                    .contains("SR bicubic-function");
        }
    }

    /** 16x16 -> 128x128 with the same MATLAB bicubic as the evaluation's bicubic row. */
    private static Image enlarge(Image im) {
        BufferedImage src = (BufferedImage) im.getWrappedImage();
        int h = src.getHeight();
        int w = src.getWidth();
        float[] v = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = src.getRGB(x, y);
                v[y * w + x] = ((rgb >> 16) & 255) / 255f;
                v[h * w + y * w + x] = ((rgb >> 8) & 255) / 255f;
                v[2 * h * w + y * w + x] = (rgb & 255) / 255f;
            }
        }
        FloatImage big = MatlabResize.resizeAsUint8(
                new FloatImage(v, 3, h, w, ValueRange.UNIT), 128, 128);
        float[] o = big.data();
        BufferedImage out = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                int r = Math.round(o[y * 128 + x] * 255f);
                int g = Math.round(o[128 * 128 + y * 128 + x] * 255f);
                int b = Math.round(o[2 * 128 * 128 + y * 128 + x] * 255f);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return new ai.djl.modality.cv.BufferedImageFactory().fromImage(out);
    }
}
