package dev.facesr.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ZooLandmarkEstimator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link TrainLandmarks} and {@link ExportLandmarkModel} on a tiny synthetic landmark folder made
 * here (no dataset): a few steps, resume, export, load through the zoo, measure. Plus a
 * data-backed check of the held-out split, skipped without the shared datasets.
 */
class TrainLandmarksTest {

    private static final String[] TINY = {"--channels", "4", "--stacks", "2", "--depth", "1"};

    @TempDir Path tmp;

    /** Writes n 64x64 images with 68 random points (a dot drawn at each) and their CSV. */
    private static Path syntheticFolder(Path dir, int n) throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Random r = new Random(7);
        StringBuilder header = new StringBuilder("file");
        for (int i = 0; i < 68; i++) {
            header.append(",x").append(i).append(",y").append(i);
        }
        List<String> lines = new ArrayList<>(List.of(header.toString()));
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(120 + r.nextInt(60), 90, 80));
            g.fillRect(0, 0, 64, 64);
            g.setColor(Color.WHITE);
            StringBuilder row = new StringBuilder(String.format("img/face-%02d.png", k));
            for (int i = 0; i < 68; i++) {
                int x = 12 + r.nextInt(40);
                int y = 12 + r.nextInt(40);
                g.fillRect(x, y, 1, 1);
                row.append(',').append(x).append(',').append(y);
            }
            g.dispose();
            ImageIO.write(img, "png", dir.resolve(String.format("img/face-%02d.png", k)).toFile());
            lines.add(row.toString());
        }
        Path csv = dir.resolve("landmarks.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return csv;
    }

    private static int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private static String[] args(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(TINY));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void trainsResumesExportsAndMeasuresThroughTheZoo() throws Exception {
        Path csv = syntheticFolder(tmp.resolve("data"), 10);
        Path runDir = tmp.resolve("run");
        String[] common = {"--csv", csv.toString(), "--out", runDir.toString(), "--batch", "2",
            "--checkpoint-every", "2", "--validate-every", "4", "--log-every", "2", "--val-fraction", "0.2"};
        assertThat(run(new TrainLandmarks(), args(common, "--steps", "6"))).isZero();
        assertThat(Files.readString(runDir.resolve("final/training.json"))).contains("resumedFromStep=-1");

        // the held-out slice is the last 20 % by name and is not trained on
        List<String> train = Files.readAllLines(runDir.resolve("train-slice.csv"));
        List<String> val = Files.readAllLines(runDir.resolve("val-slice.csv"));
        assertThat(train).hasSize(1 + 8);
        assertThat(val).hasSize(1 + 2);
        assertThat(val.get(1)).contains("face-08.png");
        assertThat(val.get(2)).contains("face-09.png");
        assertThat(String.join("\n", train)).doesNotContain("face-08.png", "face-09.png");
        String figures = Files.readString(runDir.resolve("figures.csv"));
        assertThat(figures).contains("heatmaps,loss,").contains("val/nme");

        // simulate a run killed after its step-4 checkpoint: the same command resumes from step 4
        Path checkpoints = runDir.resolve("checkpoints");
        assertThat(checkpoints.resolve("ckpt-000000000004.fsrckpt")).exists();
        Files.delete(checkpoints.resolve("ckpt-000000000006.fsrckpt"));
        assertThat(run(new TrainLandmarks(), args(common, "--steps", "6"))).isZero();
        assertThat(checkpoints.resolve("ckpt-000000000006.fsrckpt")).exists();
        assertThat(Files.readString(runDir.resolve("final/training.json")))
                .contains("resumedFromStep=4").contains("stepsRunHere=2");

        Path zoo = tmp.resolve("zoo/landmarks68");
        assertThat(run(new ExportLandmarkModel(), args(new String[] {"--run", runDir.toString(), "--out",
            zoo.toString(), "--commit", "abc1234", "--skip-measure"}))).isZero();
        ModelCard card = FsrModelZoo.cardOf(zoo);
        assertThat(card.hasWeights()).isTrue();
        assertThat(card.steps()).isEqualTo(6);
        assertThat(card.commit()).isEqualTo("abc1234");
        assertThat(card.inputSize()).isEqualTo(128);
        assertThat(card.outputSize()).isEqualTo(32);
        assertThat(card.trainingData()).contains("landmarks68/train").contains("2 rows");

        try (ZooLandmarkEstimator est = ZooLandmarkEstimator.load(zoo, ZooLandmarkEstimator.Framing.TRAINING_CROP, 1)) {
            List<float[][]> p = est.estimateAll(List.of(ImageConversions.read(tmp.resolve("data/img/face-00.png"))),
                    List.of(new BoundingBox(0, 0, 64, 64)));
            assertThat(p.get(0)).hasNumberOfRows(68);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        ExportLandmarkModel.measure(metrics, zoo, "synthetic", runDir.resolve("val-slice.csv"), null);
        assertThat(metrics).containsOnlyKeys("synthetic.nme", "synthetic.fraction-below-0.08",
                "synthetic.nme-single-pass");
        assertThat(metrics.values()).allMatch(Double::isFinite);
    }

    @Test
    void realSplitHoldsOutTheLastTenPercentOfTrain() throws Exception {
        Path data = Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
        Path csv = data.resolve("landmarks68/train.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv),
                "shared datasets not found at " + data + " (set -Dfsr.datasets); skipping the real split check");
        int[] sizes = TrainLandmarks.split(TrainLandmarks.trainCsv(data, null), 0.1,
                tmp.resolve("t.csv"), tmp.resolve("v.csv"));
        assertThat(sizes).containsExactly(1337, 149);
        String test = Files.readString(data.resolve("landmarks68/test.csv"));
        for (String line : Files.readAllLines(tmp.resolve("t.csv")).subList(1, 1338)) {
            String name = Path.of(line.substring(0, line.indexOf(','))).getFileName().toString();
            assertThat(test).doesNotContain(name);
        }
    }
}
