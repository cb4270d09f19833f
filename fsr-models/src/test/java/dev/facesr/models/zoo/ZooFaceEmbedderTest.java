package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.TestImages;
import dev.facesr.models.identity.IdentityNet;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import ai.djl.modality.cv.BufferedImageFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity models through the zoo: a tiny untrained teacher/student pair exported with {@link
 * ModelExporter} into a temporary zoo root ({@code dev/facesr/models/<name>/}) and opened by name
 * through {@link FsrModelZoo#of(ClassLoader)}, and from their directories.
 */
class ZooFaceEmbedderTest {

    static final String TEACHER = "tiny-id";
    static final String STUDENT = FsrModelZoo.lowResolutionName(TEACHER);

    @TempDir static Path tmp;
    static Path root;
    static NDManager manager;
    static IdentityNet teacher;
    static IdentityNet student;
    static URLClassLoader loader;
    static FsrModelZoo zoo;
    static List<Image> crops;

    @BeforeAll
    static void exportTinyPair() throws Exception {
        manager = NDManager.newBaseManager();
        teacher = ZooFixtures.tinyTeacher(manager);
        student = ZooFixtures.tinyStudent(manager);
        root = tmp.resolve("zoo");
        Path models = root.resolve(FsrModelZoo.RESOURCE_ROOT);
        ZooFixtures.export(teacher, TEACHER, 16, 12, models.resolve(TEACHER));
        ZooFixtures.export(student, STUDENT, 8, 12, models.resolve(STUDENT));
        loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        zoo = FsrModelZoo.of(loader);
        crops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            crops.add(TestImages.random(16, 300 + i));
        }
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
        manager.close();
    }

    private static float[] direct(IdentityNet net, Image image) {
        return ZooFixtures.forward(manager, net, ZooFixtures.toArray(manager, image));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static float maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void theNamingConventionIsInOnePlace() {
        assertThat(FsrModelZoo.lowResolutionName(FsrModelZoo.IDENTITY)).isEqualTo("identity-lr16");
        assertThat(FsrModelZoo.isLowResolutionName("identity-lr16")).isTrue();
        assertThat(FsrModelZoo.isLowResolutionName("identity")).isFalse();
        assertThat(FsrModelZoo.isLowResolutionName("-lr16")).isFalse();
        assertThat(FsrModelZoo.SHIPPED).contains("identity", "identity-lr16");
        assertThatThrownBy(() -> FsrModelZoo.lowResolutionName(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsTheTeacherAndStudentByNameWithUnitEmbeddings() throws Exception {
        assertThat(zoo.listModels()).extracting(ModelCard::name).containsExactly(TEACHER, STUDENT);
        ModelCard card = zoo.card(TEACHER);
        assertThat(card.kind()).isEqualTo(ModelKind.IDENTITY);
        assertThat(card.architecture()).isEqualTo(IdentityNet.ARCHITECTURE);
        assertThat(card.scale()).isZero();
        try (ZooFaceEmbedder hr = zoo.embedder(TEACHER);
                ZooFaceEmbedder lr = zoo.embedder(STUDENT)) {
            assertThat(hr.name()).isEqualTo(TEACHER);
            assertThat(hr.dimension()).isEqualTo(12);
            assertThat(hr.inputSize()).isEqualTo(16);
            assertThat(lr.dimension()).isEqualTo(12);
            assertThat(lr.inputSize()).isEqualTo(8);
            for (Image crop : crops) {
                float[] e = hr.embed(crop);
                assertThat(e).hasSize(12);
                assertThat(norm(e)).isCloseTo(1.0, within(1e-5));
                assertThat(maxDifference(e, direct(teacher, crop))).isLessThan(1e-5f);
            }
            Image small = TestImages.random(8, 77);
            float[] s = lr.embed(small);
            assertThat(norm(s)).isCloseTo(1.0, within(1e-5));
            assertThat(maxDifference(s, direct(student, small))).isLessThan(1e-5f);
        }
        try (ZooFaceEmbedder fromDir = FsrModelZoo.embedder(
                root.resolve(FsrModelZoo.RESOURCE_ROOT).resolve(TEACHER))) {
            assertThat(maxDifference(fromDir.embed(crops.get(0)), direct(teacher, crops.get(0))))
                    .isLessThan(1e-5f);
        }
    }

    @Test
    void imageAndBatchPathsGiveTheSameEmbeddings() throws Exception {
        try (ZooFaceEmbedder e = new ZooFaceEmbedder(zoo.card(TEACHER), zoo.loadIdentity(TEACHER), 2)) {
            List<float[]> batch = e.embed(crops); // batches of 2, 2, 1
            assertThat(batch).hasSize(crops.size());
            for (int i = 0; i < crops.size(); i++) {
                // a batch may sum in another order than a single crop: equal to float precision
                assertThat(maxDifference(batch.get(i), e.embed(crops.get(i)))).as("crop %d", i)
                        .isLessThan(1e-5f);
            }
            assertThat(e.embed(List.of())).isEmpty();
        }
    }

    @Test
    void cropsOfAnotherSizeAreResizedWithMatlabBicubic() throws Exception {
        BufferedImageFactory images = new BufferedImageFactory();
        BufferedImage wide = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
        Image big = TestImages.random(40, 9);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 24; x++) {
                wide.setRGB(x, y, (x * 10) << 16 | (y * 12) << 8 | ((x + y) * 5));
            }
        }
        try (ZooFaceEmbedder hr = zoo.embedder(TEACHER);
                ZooFaceEmbedder lr = zoo.embedder(STUDENT)) {
            for (Image crop : List.of(big, images.fromImage(wide))) {
                NDArray x = ZooFixtures.toArray(manager, crop);
                float[] expected = ZooFixtures.forward(manager, teacher,
                        MatlabResize.resize(x, 16, 16).clip(0f, 1f));
                float[] got = hr.embed(crop);
                assertThat(norm(got)).isCloseTo(1.0, within(1e-5));
                assertThat(maxDifference(got, expected)).isLessThan(1e-5f);
            }
            // a 12 px face given to the 8 px student (as FaceRecognizer's STUDENT strategy does)
            Image twelve = TestImages.random(12, 5);
            float[] expected = ZooFixtures.forward(manager, student,
                    MatlabResize.resize(ZooFixtures.toArray(manager, twelve), 8, 8).clip(0f, 1f));
            assertThat(maxDifference(lr.embed(twelve), expected)).isLessThan(1e-5f);
            // mixed sizes in one batch are each resized, then stacked
            List<float[]> mixed = hr.embed(List.of(crops.get(0), big, crops.get(1)));
            assertThat(maxDifference(mixed.get(1), hr.embed(big))).isLessThan(1e-5f);
        }
    }

    @Test
    void concurrentCallsFromSeveralThreadsAgreeWithSequentialOnes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ZooFaceEmbedder e = zoo.embedder(TEACHER)) {
            List<List<Image>> tasks = new ArrayList<>();
            List<List<float[]>> sequential = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                List<Image> mine = new ArrayList<>();
                for (int i = 0; i < 1 + t % 3; i++) {
                    mine.add(crops.get((t + i) % crops.size()));
                }
                tasks.add(mine);
                sequential.add(mine.size() == 1 ? List.of(e.embed(mine.get(0))) : e.embed(mine));
            }
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (List<Image> mine : tasks) {
                futures.add(pool.submit(() -> mine.size() == 1 ? List.of(e.embed(mine.get(0)))
                        : e.embed(mine)));
            }
            for (int t = 0; t < futures.size(); t++) {
                List<float[]> got = futures.get(t).get(60, TimeUnit.SECONDS);
                assertThat(got).hasSameSizeAs(sequential.get(t));
                for (int i = 0; i < got.size(); i++) {
                    // same batch composition as the sequential call: the same values
                    assertThat(got.get(i)).as("task %d crop %d", t, i)
                            .containsExactly(sequential.get(t).get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void repeatedCallsLeaveNoArraysBehind() throws Exception {
        ZooModel<Image, float[]> model = zoo.loadIdentity(TEACHER);
        try (ZooFaceEmbedder e = new ZooFaceEmbedder(zoo.card(TEACHER), model)) {
            e.embed(crops);
            e.embed(TestImages.random(20, 1));
            int before = model.getNDManager().getManagedArrays().size();
            for (int i = 0; i < 10; i++) {
                e.embed(crops);
                e.embed(TestImages.random(20, 1));
            }
            assertThat(model.getNDManager().getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void corruptedOrMissingWeightsNameTheModelAndTheFile() throws Exception {
        Path dir = tmp.resolve("broken/" + FsrModelZoo.RESOURCE_ROOT + TEACHER);
        ZooFixtures.export(teacher, TEACHER, 16, 12, dir);
        Path weights = dir.resolve(TEACHER + "-0000.params");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(weights, bytes);
        assertThatThrownBy(() -> FsrModelZoo.embedder(dir))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("'" + TEACHER + "'")
                .hasMessageContaining(weights.toString())
                .hasMessageContaining("SHA-256");
        try (URLClassLoader broken = new URLClassLoader(
                new URL[] {tmp.resolve("broken").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> FsrModelZoo.of(broken).embedder(TEACHER))
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("'" + TEACHER + "'")
                    .hasMessageContaining("classpath:dev/facesr/models/" + TEACHER + "/"
                            + TEACHER + "-0000.params")
                    .hasMessageContaining("corrupted");
        }
        Files.delete(weights);
        assertThatThrownBy(() -> FsrModelZoo.embedder(dir))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("'" + TEACHER + "'")
                .hasMessageContaining(weights.toString())
                .hasMessageContaining("missing");
    }

    @Test
    void misuseIsAClearError() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path sr = tmp.resolve("sr/tiny-x4");
            ZooFixtures.export(ZooFixtures.tinyFast(m), "tiny-x4", 8, 32, sr);
            assertThatThrownBy(() -> FsrModelZoo.embedder(sr))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'tiny-x4'")
                    .hasMessageContaining("not IDENTITY");
        }
        assertThatThrownBy(() -> zoo.loadSuperResolution(TEACHER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IDENTITY model");
        assertThatThrownBy(() -> ModelCard.builder().setName("x")
                .setArchitecture(IdentityNet.ARCHITECTURE, teacher.arguments())
                .setSizes(16, 128).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12-d embeddings");
        ZooFaceEmbedder e = zoo.embedder(TEACHER);
        assertThatThrownBy(() -> e.embed((Image) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TEACHER);
        assertThatThrownBy(() -> e.embed(java.util.Arrays.asList(crops.get(0), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        e.close();
        e.close(); // closing twice is harmless
        assertThatThrownBy(() -> e.embed(crops.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /** The shipped pair, once the lead has exported trained weights (skipped before that). */
    @Test
    void shippedIdentityModelsLoadWhenTrained() throws Exception {
        FsrModelZoo shipped = FsrModelZoo.classpath();
        ModelCard hrCard = shipped.card(FsrModelZoo.IDENTITY);
        ModelCard lrCard = shipped.card(FsrModelZoo.lowResolutionName(FsrModelZoo.IDENTITY));
        assertThat(hrCard.kind()).isEqualTo(ModelKind.IDENTITY);
        assertThat(lrCard.kind()).isEqualTo(ModelKind.IDENTITY);
        assertThat(lrCard.outputSize()).isEqualTo(hrCard.outputSize());
        assertThat(hrCard.inputSize()).isEqualTo(128);
        assertThat(lrCard.inputSize()).isEqualTo(16);
        Assumptions.assumeTrue(hrCard.hasWeights() && lrCard.hasWeights(),
                "the identity models have no trained weights in this build yet");
        try (ZooFaceEmbedder hr = shipped.embedder(FsrModelZoo.IDENTITY);
                ZooFaceEmbedder lr = shipped.embedder(lrCard.name())) {
            assertThat(norm(hr.embed(TestImages.random(128, 1)))).isCloseTo(1.0, within(1e-5));
            assertThat(norm(lr.embed(TestImages.random(16, 1)))).isCloseTo(1.0, within(1e-5));
        }
    }
}
