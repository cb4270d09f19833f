package dev.facesr.models.detect;

import dev.facesr.core.pipeline.Landmarks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/** Reads faces of {@code landmarks68/images/train} (never the test split) for data-backed tests. */
final class TrainFaces {

    /** One face: its 256x256 crop and its 68 points. */
    record Face(BufferedImage image, Landmarks points) {}

    private final Path csv;
    private final List<String> lines;

    private TrainFaces(Path csv) {
        this.csv = csv;
        try {
            this.lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the train split, or skips the calling test when the datasets are absent. */
    static TrainFaces openOrSkip() {
        Path dir = Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
        Path csv = dir.resolve("landmarks68").resolve("train.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv),
                "landmarks68/train.csv not found under " + dir.toAbsolutePath() + "; skipping the data-backed test");
        return new TrainFaces(csv);
    }

    /** The number of faces. */
    int size() {
        return lines.size() - 1;
    }

    /** Reads face {@code i} (0-based). */
    Face face(int i) {
        String[] f = lines.get(i + 1).split(",");
        double[] xy = new double[2 * Landmarks.SIXTY_EIGHT];
        for (int k = 0; k < xy.length; k++) {
            xy[k] = Double.parseDouble(f[1 + k]);
        }
        try {
            return new Face(ImageIO.read(csv.getParent().resolve(f[0]).toFile()), Landmarks.of(xy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
