package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.examples.recognition.EmbedderResolvers;
import dev.facesr.examples.recognition.GridEmbedderResolver;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.recognition.EmbedderId;
import dev.facesr.models.recognition.GalleryFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of {@code fsr enroll}, {@code identify} and {@code verify} with the test resolver. */
class RecognitionCommandsTest {
    static final String GRID = GridEmbedderResolver.GRID;

    @TempDir Path dir;

    @AfterEach
    void everyEmbedderIsClosed() {
        assertThat(GridEmbedderResolver.OPEN.get()).isZero();
    }

    /** A synthetic person: a seeded 5x5 colour grid enlarged to the size, plus seeded noise. */
    static BufferedImage face(int person, int variant, int size) {
        Random p = new Random(500 + person);
        float[] grid = new float[3 * 5 * 5];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 40 + p.nextInt(176);
        }
        FloatImage big = MatlabResize.resize(new FloatImage(grid, 3, 5, 5, ValueRange.BYTE), 64, 64);
        Random v = new Random(9000 + person * 100L + variant);
        float[] d = big.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0, Math.min(255, d[i] + (float) v.nextGaussian() * 8));
        }
        BufferedImage img = ImageConversions.toBufferedImage(big);
        return size == 64 ? img : MatlabResize.resize(img, size, size);
    }

    Path png(String name, int person, int variant, int size) throws IOException {
        Path f = dir.resolve(name + ".png");
        ImageIO.write(face(person, variant, size), "png", f.toFile());
        return f;
    }

    Path enrolThree(Path gallery) throws IOException {
        for (int p = 0; p < 3; p++) {
            CliRun r = CliRun.run("enroll", "--gallery", gallery.toString(), "--embedder", GRID, "--name", "person" + p,
                    "--threshold", "0.7", png("p" + p + "a", p, 0, 64).toString(), png("p" + p + "b", p, 1, 64).toString());
            assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
            assertThat(r.out).contains("enrolled person" + p + ": 2 image(s), 2 in total")
                    .contains((p + 1) + " people, embedder test-grid (108-d), threshold 0.7000");
        }
        return gallery;
    }

    @Test
    void enrolIdentifyVerifyEndToEnd() throws IOException {
        Path gallery = enrolThree(dir.resolve("people.fsrg"));
        assertThat(GalleryFile.load(gallery, new EmbedderId(GRID, 108)).names())
                .containsExactly("person0", "person1", "person2");
        for (int p = 0; p < 3; p++) {
            CliRun r = CliRun.run("identify", "--gallery", gallery.toString(), png("probe" + p, p, 7, 64).toString());
            assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
            assertThat(r.out).contains("match: person" + p + " (score").contains(">= threshold 0.7000");
            assertThat(r.out.lines().filter(l -> l.contains("person"))).hasSize(4); // 3 rows + the match line
        }
        CliRun k1 = CliRun.run("identify", "--gallery", gallery.toString(), "-k", "1", png("q", 1, 8, 64).toString());
        assertThat(k1.out.lines().filter(l -> l.matches("^\\d+\\s+person.*"))).hasSize(1);
        CliRun unknown = CliRun.run("identify", "--gallery", gallery.toString(), png("stranger", 42, 0, 64).toString());
        assertThat(unknown.code).isEqualTo(ExitCodes.OK);
        assertThat(unknown.out).contains("no match: best").contains("< threshold 0.7000");
        // enrol more images of an existing person
        CliRun more = CliRun.run("enroll", "--gallery", gallery.toString(), "--name", "person1",
                png("p1c", 1, 2, 64).toString());
        assertThat(more.out).contains("1 image(s), 3 in total").contains("3 people");

        CliRun same = CliRun.run("verify", "--embedder", GRID, "--threshold", "0.7", png("v1", 2, 3, 64).toString(), png("v2", 2, 4, 64).toString());
        assertThat(same.code).as(same.err).isEqualTo(ExitCodes.OK);
        assertThat(same.out).contains("same person").contains("threshold 0.7000");
        CliRun diff = CliRun.run("verify", "--gallery", gallery.toString(), png("v3", 2, 3, 64).toString(),
                png("v4", 0, 4, 64).toString());
        assertThat(diff.code).as(diff.err).isEqualTo(ExitCodes.OK);
        assertThat(diff.out).contains("different people");
    }

    @Test
    void lowResolutionProbesAndStrategies() throws IOException {
        Path gallery = enrolThree(dir.resolve("g.fsrg"));
        Path small = png("small", 1, 5, 12);
        CliRun student = CliRun.run("identify", "--gallery", gallery.toString(), small.toString());
        assertThat(student.out).contains("match: person1").contains("low-resolution face of 12 px, strategy STUDENT");
        CliRun bicubic = CliRun.run("identify", "--gallery", gallery.toString(), "--strategy", "BICUBIC", small.toString());
        assertThat(bicubic.out).contains("match: person1").contains("strategy BICUBIC");
        // SUPER_RESOLVE: the shipped fsr-x8 (the default --sr-model) restores the face, the embedder embeds it
        CliRun sr = CliRun.run("identify", "--gallery", gallery.toString(), "--strategy", "SUPER_RESOLVE", small.toString());
        assertThat(sr.code).as(sr.err).isEqualTo(ExitCodes.OK);
        assertThat(sr.out).contains("low-resolution face of 12 px, strategy SUPER_RESOLVE");
        CliRun badSr = CliRun.run("identify", "--gallery", gallery.toString(), "--strategy", "SUPER_RESOLVE",
                "--sr-model", "no-such-model", small.toString());
        assertThat(badSr.code).isEqualTo(ExitCodes.USAGE);
        assertThat(badSr.err).contains("--sr-model").contains("no-such-model").contains("fsr-x8");
        CliRun noStudent = CliRun.run("verify", "--embedder", GridEmbedderResolver.SMALL, "--threshold", "0.5",
                "--strategy", "STUDENT", small.toString(), small.toString());
        assertThat(noStudent.code).isEqualTo(ExitCodes.USAGE);
        assertThat(noStudent.err).contains("has no low-resolution student");
        CliRun highThreshold = CliRun.run("identify", "--gallery", gallery.toString(), "--low-res-below", "8",
                small.toString());
        assertThat(highThreshold.out).doesNotContain("low-resolution face");
    }

    @Test
    void badGalleriesAreClearErrorsAndNeverOverwritten() throws IOException {
        Path missing = dir.resolve("missing.fsrg");
        CliRun r = CliRun.run("identify", "--gallery", missing.toString(), png("x", 0, 0, 64).toString());
        assertThat(r.code).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err).contains(missing.toString()).contains("does not exist");

        Path empty = Files.createFile(dir.resolve("empty.fsrg"));
        CliRun e = CliRun.run("enroll", "--gallery", empty.toString(), "--embedder", GRID, "--name", "a", png("y", 0, 0, 64).toString());
        assertThat(e.code).isEqualTo(ExitCodes.FAILED);
        assertThat(e.err).contains(empty.toString()).contains("EMPTY");
        assertThat(Files.size(empty)).isZero();

        Path damaged = enrolThree(dir.resolve("damaged.fsrg"));
        byte[] b = Files.readAllBytes(damaged);
        b[b.length / 2] ^= 1;
        Files.write(damaged, b);
        CliRun d = CliRun.run("enroll", "--gallery", damaged.toString(), "--name", "a", png("z", 0, 0, 64).toString());
        assertThat(d.code).isEqualTo(ExitCodes.FAILED);
        assertThat(d.err).contains("CHECKSUM_MISMATCH").contains(damaged.toString());
        assertThat(Files.readAllBytes(damaged)).isEqualTo(b);

        Path gallery = enrolThree(dir.resolve("grid.fsrg"));
        CliRun foreign = CliRun.run("identify", "--gallery", gallery.toString(), "--embedder", GridEmbedderResolver.SMALL,
                png("w", 0, 0, 64).toString());
        assertThat(foreign.code).isEqualTo(ExitCodes.FAILED);
        assertThat(foreign.err).contains("FOREIGN_MODEL").contains("test-grid (108-d)").contains("test-grid-small (27-d)");

        Path noThreshold = dir.resolve("nt.fsrg");
        CliRun.run("enroll", "--gallery", noThreshold.toString(), "--embedder", GRID, "--name", "a", png("a", 0, 0, 64).toString());
        CliRun nt = CliRun.run("identify", "--gallery", noThreshold.toString(), png("b", 0, 1, 64).toString());
        assertThat(nt.code).isEqualTo(ExitCodes.USAGE);
        assertThat(nt.err).contains("stores no threshold");
    }

    @Test
    void embedderChoiceAndUsageErrors() throws IOException {
        Path img = png("i", 0, 0, 64);
        CliRun unknown = CliRun.run("verify", "--embedder", "nope", "--threshold", "0.5", img.toString(), img.toString());
        assertThat(unknown.code).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err).contains("Unknown embedder 'nope'").contains("available embedders: test-grid, test-grid-small");
        CliRun several = CliRun.run("verify", "--threshold", "0.5", img.toString(), img.toString());
        assertThat(several.code).isEqualTo(ExitCodes.USAGE);
        assertThat(several.err).contains("choose one with --embedder");
        CliRun noThreshold = CliRun.run("verify", "--embedder", GRID, img.toString(), img.toString());
        assertThat(noThreshold.code).isEqualTo(ExitCodes.USAGE);
        assertThat(noThreshold.err).contains("--threshold");
        CliRun badThreshold = CliRun.run("verify", "--embedder", GRID, "--threshold", "3", img.toString(), img.toString());
        assertThat(badThreshold.code).isEqualTo(ExitCodes.USAGE);
        assertThat(badThreshold.err).contains("[-1, 1]");
        CliRun badImage = CliRun.run("verify", "--embedder", GRID, "--threshold", "0.5", img.toString(),
                dir.resolve("nothing.png").toString());
        assertThat(badImage.code).isEqualTo(ExitCodes.FAILED);
        assertThat(badImage.err).contains("nothing.png");
        CliRun badName = CliRun.run("enroll", "--gallery", dir.resolve("n.fsrg").toString(), "--embedder", GRID,
                "--name", " x", img.toString());
        assertThat(badName.code).isEqualTo(ExitCodes.USAGE);
        assertThat(badName.err).contains("person name");
        assertThat(Files.exists(dir.resolve("n.fsrg"))).isFalse();
        CliRun noImages = CliRun.run("enroll", "--gallery", dir.resolve("n.fsrg").toString(), "--name", "x");
        assertThat(noImages.code).isEqualTo(ExitCodes.USAGE);
        CliRun help = CliRun.run("--help");
        assertThat(help.out).contains("enroll").contains("identify").contains("verify");
    }

    @Test
    void withoutRegisteredEmbeddersTheMessageSaysSo() {
        var none = EmbedderResolvers.chain(List.of());
        assertThat(none.names()).isEmpty();
        assertThatThrownBy(() -> none.open("arcface"))
                .hasMessageContaining("Unknown embedder 'arcface'")
                .hasMessageContaining("no face embedder is available: no registered EmbedderResolver lists one")
                .hasMessageContaining("ExportIdentityModel");
        // the test resolver and the model zoo's (which lists only identity models with trained weights)
        assertThat(EmbedderResolvers.registered()).extracting(r -> r.getClass().getSimpleName())
                .containsExactlyInAnyOrder("GridEmbedderResolver", "ZooEmbedderResolver");
    }
}
