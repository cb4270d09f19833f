package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.examples.recognition.TinyIdentityZoo;
import dev.facesr.examples.recognition.ZooEmbedderResolver;
import dev.facesr.models.recognition.EmbedderId;
import dev.facesr.models.recognition.Gallery;
import dev.facesr.models.recognition.GalleryFile;
import dev.facesr.models.zoo.FsrModelZoo;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fsr enroll}, {@code identify} and {@code verify} with the model zoo's embedders: tiny
 * untrained {@code identity} / {@code identity-lr16} models exported into a temporary zoo and
 * found by name through {@link ZooEmbedderResolver}. Untrained weights say nothing about
 * accuracy, so the checks are the plumbing: a probe that is an enrolled image scores 1 against
 * its person, and 12 px probes go to the student.
 */
class ZooRecognitionCommandsTest {

    @TempDir Path dir;

    private Path png(String name, int person, int variant, int size) throws IOException {
        Path f = dir.resolve(name + ".png");
        ImageIO.write(RecognitionCommandsTest.face(person, variant, size), "png", f.toFile());
        return f;
    }

    @Test
    void enrolIdentifyVerifyWithTheZooIdentityModels() throws Exception {
        Path root = TinyIdentityZoo.write(dir.resolve("zoo"), true);
        try (URLClassLoader loader = TinyIdentityZoo.loader(root)) {
            ZooEmbedderResolver zoo = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            String modelId;
            try (var teacher = FsrModelZoo.of(loader).embedder(FsrModelZoo.IDENTITY)) {
                modelId = teacher.modelId();
            }
            assertThat(modelId).startsWith("identity ").contains(" sha256:");
            Path gallery = dir.resolve("people.fsrg");
            Path[] enrolled = new Path[3];
            for (int p = 0; p < 3; p++) {
                enrolled[p] = png("p" + p, p, 0, 64);
                // no --embedder: the zoo's only embedder is chosen
                CliRun r = CliRun.run(zoo, "enroll", "--gallery", gallery.toString(), "--name", "person" + p,
                        "--threshold", "0.5", enrolled[p].toString());
                assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
                assertThat(r.out).contains("enrolled person" + p)
                        .contains("embedder " + modelId + " (" + TinyIdentityZoo.DIMENSION + "-d)");
            }
            // the gallery records the weights' version and hash, not just the model name
            assertThat(GalleryFile.load(gallery, new EmbedderId(modelId, TinyIdentityZoo.DIMENSION))
                    .names()).containsExactly("person0", "person1", "person2");
            Path stale = dir.resolve("stale.fsrg");
            GalleryFile.save(Gallery.empty(new EmbedderId("identity 0.0.1 sha256:0000000000000000",
                    TinyIdentityZoo.DIMENSION)), stale);
            CliRun other = CliRun.run(zoo, "identify", "--gallery", stale.toString(), enrolled[0].toString());
            assertThat(other.code).isNotEqualTo(ExitCodes.OK);
            assertThat(other.err).contains("identity 0.0.1 sha256:0000000000000000");

            CliRun same = CliRun.run(zoo, "identify", "--gallery", gallery.toString(), enrolled[1].toString());
            assertThat(same.code).as(same.err).isEqualTo(ExitCodes.OK);
            assertThat(same.out).contains("match: person1 (score 1.0000 >= threshold 0.5000)")
                    .doesNotContain("low-resolution");

            Path small = png("small", 1, 5, 12);
            CliRun student = CliRun.run(zoo, "identify", "--gallery", gallery.toString(), small.toString());
            assertThat(student.code).as(student.err).isEqualTo(ExitCodes.OK);
            assertThat(student.out).contains("low-resolution face of 12 px, strategy STUDENT");
            CliRun bicubic = CliRun.run(zoo, "identify", "--gallery", gallery.toString(), "--strategy", "BICUBIC",
                    small.toString());
            assertThat(bicubic.code).as(bicubic.err).isEqualTo(ExitCodes.OK);
            assertThat(bicubic.out).contains("strategy BICUBIC");

            CliRun verify = CliRun.run(zoo, "verify", "--embedder", "identity", "--threshold", "0.5",
                    enrolled[2].toString(), enrolled[2].toString());
            assertThat(verify.code).as(verify.err).isEqualTo(ExitCodes.OK);
            assertThat(verify.out).contains("score 1.0000, threshold 0.5000: same person");
            CliRun lowVerify = CliRun.run(zoo, "verify", "--gallery", gallery.toString(), "--strategy", "STUDENT",
                    small.toString(), enrolled[0].toString());
            assertThat(lowVerify.code).as(lowVerify.err).isEqualTo(ExitCodes.OK);
            assertThat(lowVerify.out).contains("threshold 0.5000");

            CliRun unknown = CliRun.run(zoo, "verify", "--embedder", "identity-lr16", "--threshold", "0.5",
                    small.toString(), small.toString());
            assertThat(unknown.code).isEqualTo(ExitCodes.USAGE);
            assertThat(unknown.err).contains("Unknown embedder 'identity-lr16'").contains("available embedders: identity");
        }
    }

    @Test
    void withoutAStudentTheStudentStrategyIsAUsageError() throws Exception {
        Path root = TinyIdentityZoo.write(dir.resolve("zoo"), false);
        try (URLClassLoader loader = TinyIdentityZoo.loader(root)) {
            ZooEmbedderResolver zoo = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            Path small = png("small", 1, 5, 12);
            CliRun r = CliRun.run(zoo, "verify", "--threshold", "0.5", "--strategy", "STUDENT", small.toString(),
                    small.toString());
            assertThat(r.code).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err).contains("'identity' has no low-resolution student");
            CliRun bicubic = CliRun.run(zoo, "verify", "--threshold", "0.5", small.toString(), small.toString());
            assertThat(bicubic.code).as(bicubic.err).isEqualTo(ExitCodes.OK);
            assertThat(bicubic.out).contains("same person");
        }
    }
}
