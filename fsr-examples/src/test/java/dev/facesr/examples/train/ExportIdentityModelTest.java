package dev.facesr.examples.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.examples.recognition.TinyIdentityZoo;
import dev.facesr.examples.recognition.ZooEmbedderResolver;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.models.identity.CosineClassifier;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelCards;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link ExportIdentityModel} on tiny untrained teacher/student folders written the way {@link
 * TrainIdentity} writes them ({@link IdentityModelFolder}), with a hand-made {@code
 * identity-eval.json} in {@link EvaluateIdentity}'s format.
 */
class ExportIdentityModelTest {

    @TempDir Path tmp;
    Path teacher;
    Path student;
    Path zoo;

    /** The settings TrainIdentity records (see its settings()). */
    private static Map<String, Object> settings(String stage, long steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("steps", steps);
        m.put("batch", 64);
        m.put("learningRate", 1e-3);
        m.put("weightDecay", 5e-4);
        m.put("seed", 20261123L);
        m.put("scale", 30.0);
        m.put("margin", 0.35);
        m.put("angularMargin", 0.0);
        if (stage.equals("student")) {
            m.put("distillWeight", 1.0);
            m.put("identityWeight", 0.1);
        }
        m.put("crop", CropPolicy.FSRNET_CELEBA_128.toString());
        m.put("result", "RunResult[globalStep=" + steps + ", resumedFromStep=-1, stepsRunHere=" + steps
                + ", lastFigures={loss=1.5}]");
        return m;
    }

    private void writeFolders(int classes, int teacherSeed) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            IdentityNet t = TinyIdentityZoo.teacher(m, teacherSeed);
            CosineClassifier c = CosineClassifier.builder().setClasses(classes)
                    .optEmbeddingSize(TinyIdentityZoo.DIMENSION).build();
            c.initialize(m, DataType.FLOAT32, new Shape(1, TinyIdentityZoo.DIMENSION));
            IdentityModelFolder.save(teacher, "teacher", t, c, settings("teacher", 40));
            Map<String, Object> s = settings("student", 30);
            s.put("teacher", teacher.toAbsolutePath().normalize().toString());
            IdentityModelFolder.save(student, "student", TinyIdentityZoo.student(m, 5), null, s);
        }
    }

    @BeforeEach
    void folders() throws IOException {
        teacher = tmp.resolve("runs/identity-teacher/final");
        student = tmp.resolve("runs/identity-student/final");
        zoo = tmp.resolve("zoo");
        writeFolders(ExportIdentityModel.TRAIN_IDENTITIES, 3);
    }

    private Path evaluation(Path teacherFolder, Path studentFolder) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("protocol", Map.of("split", "celeba/val", "faces", 4535, "identities", 907));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("hr", Map.of("verificationSameCondition", verification(0.91, 0.01), "rank1", 0.5));
        results.put("bicubic", Map.of("verificationSameCondition", verification(0.71, 0.02),
                "verificationHrVsProbe", verification(0.72, 0.03), "rank1", 0.1));
        results.put("student", Map.of("verificationSameCondition", verification(0.81, 0.04),
                "verificationHrVsProbe", verification(0.82, 0.05), "rank1", 0.2));
        report.put("results", results);
        report.put("speed", Map.of("batch", 32));
        report.put("teacherFolder", teacherFolder.toString());
        report.put("studentFolder", studentFolder.toString());
        Path dir = tmp.resolve("eval");
        Files.createDirectories(dir);
        new ObjectMapper().writeValue(dir.resolve("identity-eval.json").toFile(), report);
        return dir;
    }

    private static Map<String, Object> verification(double mean, double std) {
        return Map.of("meanAccuracy", mean, "stdAccuracy", std, "foldAccuracies", List.of(mean),
                "thresholds", List.of(0.3));
    }

    private ExportIdentityModel command(String... more) {
        ExportIdentityModel cmd = new ExportIdentityModel();
        List<String> args = new java.util.ArrayList<>(List.of("--teacher", teacher.toString(), "--student",
                student.toString(), "--out-dir", zoo.resolve(FsrModelZoo.RESOURCE_ROOT).toString(),
                "--commit", "abc1234"));
        args.addAll(List.of(more));
        new CommandLine(cmd).parseArgs(args.toArray(new String[0]));
        return cmd;
    }

    @Test
    void writesBothZooModelsWithCardsAndEvaluationFigures() throws Exception {
        Path eval = evaluation(teacher, student);
        assertThat(command("--eval", eval.toString(), "--version", "0.1.0").call()).isZero();
        Path models = zoo.resolve(FsrModelZoo.RESOURCE_ROOT);
        try (Stream<Path> files = Files.list(models.resolve("identity"))) {
            // the classifier is training-only: not shipped
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model-card.json", "identity-0000.params");
        }
        ModelCard hr = FsrModelZoo.cardOf(models.resolve("identity"));
        ModelCard lr = FsrModelZoo.cardOf(models.resolve("identity-lr16"));
        assertThat(hr.sha256()).isEqualTo(ModelCards.sha256(models.resolve("identity/identity-0000.params")));
        assertThat(hr.inputSize()).isEqualTo(32);
        assertThat(lr.inputSize()).isEqualTo(16);
        assertThat(hr.outputSize()).isEqualTo(TinyIdentityZoo.DIMENSION);
        assertThat(hr.trainingData()).isEqualTo("celeba/train: 15,016 faces / 7,508 identities"
                + " (aligned CelebA, ../shared/datasets)");
        assertThat(hr.crop()).startsWith("CropPolicy.FSRNET_CELEBA_128 (CropPolicy(fsrnet-celeba-128");
        assertThat(hr.steps()).isEqualTo(40);
        assertThat(lr.steps()).isEqualTo(30);
        assertThat(hr.seed()).isEqualTo(20261123L);
        assertThat(hr.commit()).isEqualTo("abc1234");
        assertThat(hr.recipe()).contains("TrainIdentity --stage teacher").contains("margin=0.35")
                .contains("not shipped");
        assertThat(lr.recipe()).contains("TrainIdentity --stage student").contains("identityWeight=0.1")
                .contains("weights SHA-256 " + hr.sha256());
        assertThat(lr.degradation()).contains("BicubicResize.shrinkBy(8)");
        assertThat(hr.metrics()).containsOnlyKeys(
                "celeba-val-4535.hr.verification-accuracy", "celeba-val-4535.hr.verification-accuracy-std",
                "celeba-val-4535.hr.rank1",
                "celeba-val-4535.bicubic16.verification-accuracy",
                "celeba-val-4535.bicubic16.verification-accuracy-std",
                "celeba-val-4535.bicubic16.hr-vs-probe.verification-accuracy",
                "celeba-val-4535.bicubic16.hr-vs-probe.verification-accuracy-std",
                "celeba-val-4535.bicubic16.rank1");
        assertThat(hr.metrics().get("celeba-val-4535.hr.verification-accuracy")).isEqualTo(0.91);
        assertThat(lr.metrics()).containsEntry("celeba-val-4535.student16.hr-vs-probe.verification-accuracy", 0.82)
                .containsEntry("celeba-val-4535.student16.verification-accuracy", 0.81)
                .containsEntry("celeba-val-4535.student16.rank1", 0.2)
                .hasSize(5);

        // the exported pair is what the recognition commands find by name
        try (URLClassLoader loader = TinyIdentityZoo.loader(zoo)) {
            ZooEmbedderResolver resolver = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            assertThat(resolver.names()).containsExactly("identity");
            Optional<FaceEmbedder> lrEmbedder = resolver.openLowResolution("identity");
            assertThat(lrEmbedder).isPresent();
            lrEmbedder.get().close();
            try (FaceEmbedder e = resolver.open("identity")) {
                BufferedImage face = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 40; x++) {
                        face.setRGB(x, y, (5 * x) << 16 | (6 * y) << 8 | 100);
                    }
                }
                float[] v = e.embed(new BufferedImageFactory().fromImage(face)); // resized to 32
                assertThat(v).hasSize(TinyIdentityZoo.DIMENSION);
                double n = 0;
                for (float x : v) {
                    n += x * x;
                }
                assertThat(Math.sqrt(n)).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void withoutEvaluationTheCardsHaveNoMetrics() throws Exception {
        assertThat(command("--name", "my-id").call()).isZero();
        Path models = zoo.resolve(FsrModelZoo.RESOURCE_ROOT);
        assertThat(FsrModelZoo.cardOf(models.resolve("my-id")).metrics()).isEmpty();
        assertThat(FsrModelZoo.cardOf(models.resolve("my-id-lr16")).description())
                .contains("student of 'my-id'");
    }

    @Test
    void mismatchedFoldersAreClearErrorsAndWriteNothing() throws Exception {
        Path models = zoo.resolve(FsrModelZoo.RESOURCE_ROOT);
        // swapped roles
        ExportIdentityModel swapped = new ExportIdentityModel();
        new CommandLine(swapped).parseArgs("--teacher", student.toString(), "--student", teacher.toString(),
                "--out-dir", models.toString(), "--commit", "x");
        assertThatThrownBy(swapped::call).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--teacher " + student).hasMessageContaining("'student' model");
        // an evaluation of other weights
        Path otherTeacher = tmp.resolve("other/final");
        try (NDManager m = NDManager.newBaseManager()) {
            IdentityModelFolder.save(otherTeacher, "teacher", TinyIdentityZoo.teacher(m, 99), null,
                    settings("teacher", 40));
        }
        Path eval = evaluation(otherTeacher, student);
        assertThatThrownBy(() -> command("--eval", eval.toString()).call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evaluated " + otherTeacher).hasMessageContaining("differs from " + teacher);
        // a student distilled from another teacher
        Map<String, Object> card = IdentityModelFolder.card(student);
        @SuppressWarnings("unchecked")
        Map<String, Object> training = (Map<String, Object>) card.get("training");
        training.put("teacher", otherTeacher.toAbsolutePath().toString());
        new ObjectMapper().writeValue(student.resolve(IdentityModelFolder.CARD_FILE).toFile(), card);
        assertThatThrownBy(() -> command().call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distilled from the teacher in " + otherTeacher.toAbsolutePath());
        assertThat(Files.exists(models)).isFalse();
    }

    @Test
    void aStudentTrainedOnAnotherCropIsRefusedBeforeAnythingIsWritten() throws Exception {
        Map<String, Object> card = IdentityModelFolder.card(student);
        @SuppressWarnings("unchecked")
        Map<String, Object> training = (Map<String, Object>) card.get("training");
        training.put("crop", CropPolicy.NONE.toString());
        new ObjectMapper().writeValue(student.resolve(IdentityModelFolder.CARD_FILE).toFile(), card);
        assertThatThrownBy(() -> command().call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not CropPolicy.FSRNET_CELEBA_128");
        assertThat(Files.exists(zoo)).isFalse();
    }

    @Test
    void aTeacherOfAnotherDatasetIsRefused() throws Exception {
        writeFolders(5, 3);
        assertThatThrownBy(() -> command().call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 classes").hasMessageContaining("7508");
    }
}
