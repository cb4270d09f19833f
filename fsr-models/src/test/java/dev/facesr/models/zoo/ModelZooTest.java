package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import dev.facesr.models.TestImages;
import dev.facesr.models.baseline.FastSr;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.landmarks.HeatmapDecoder;
import dev.facesr.models.landmarks.LandmarkHourglass;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelZooTest {

    @TempDir Path tmp;

    @Test
    void exportWritesTheLayoutAndLoadsBackIdentically() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            FastSr net = ZooFixtures.tinyFast(m);
            Path dir = tmp.resolve("tiny-x4");
            ModelCard card = ZooFixtures.export(net, "tiny-x4", 8, 32, dir);

            Path weights = dir.resolve("tiny-x4-0000.params");
            assertThat(card.weightsFile()).isEqualTo("tiny-x4-0000.params");
            assertThat(card.sha256()).isEqualTo(ModelCards.sha256(weights));
            assertThat(card.weightsBytes()).isEqualTo(Files.size(weights));
            assertThat(card.architecture()).isEqualTo("fast");
            assertThat(card.scale()).isEqualTo(4.0);
            assertThat(card.arguments()).isEqualTo(net.arguments());
            ModelCard read = FsrModelZoo.cardOf(dir);
            assertThat(ModelCards.toJson(read)).isEqualTo(ModelCards.toJson(card));
            assertThat(read.metrics()).containsEntry("test.metric", 1.25);
            assertThat(read.seed()).isEqualTo(11);

            Image lr = TestImages.random(8, 1);
            try (ZooModel<Image, Image> model = FsrModelZoo.loadSuperResolution(dir)) {
                assertThat(model.getBlock()).isInstanceOf(FastSr.class).isNotSameAs(net);
                NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 8, 8));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray a = net.forward(ps, new NDList(x), false).head();
                NDArray b = model.getBlock().forward(ps, new NDList(x), false).head();
                assertThat(a.sub(b).abs().max().getFloat()).isZero();
                try (Predictor<Image, Image> p = model.newPredictor()) {
                    Image sr = p.predict(lr);
                    assertThat(sr.getWidth()).isEqualTo(32);
                    assertThat(TestImages.pixels(sr))
                            .containsExactly(ZooFixtures.expectedPixels(m, net, lr, 32, false));
                }
            }
        }
    }

    @Test
    void float16WeightsAreHalfTheSizeAndComputeInFloat32AfterLoading() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            FastSr net = ZooFixtures.tinyFast(m);
            Path full = tmp.resolve("full");
            Path half = tmp.resolve("half");
            ModelCard fullCard = ZooFixtures.export(net, "tiny-x4", 8, 32, full);
            ModelCard halfCard = ModelExporter.export(net, fullCard.toBuilder(), half, ai.djl.ndarray.types.DataType.FLOAT16);

            assertThat(fullCard.weightsDataType()).isEqualTo(ModelCard.FLOAT32);
            assertThat(halfCard.weightsDataType()).isEqualTo(ModelCard.FLOAT16);
            assertThat(FsrModelZoo.cardOf(half).weightsDataType()).isEqualTo(ModelCard.FLOAT16);
            // parameter values are most of the file: a little over half the float32 size
            assertThat((double) halfCard.weightsBytes() / fullCard.weightsBytes()).isBetween(0.5, 0.65);
            // the exported block is float32 again
            assertThat(net.getParameters().valueAt(0).getArray().getDataType())
                    .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);

            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 8, 8));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray expected = net.forward(ps, new NDList(x), false).head();
            try (ZooModel<Image, Image> model = FsrModelZoo.loadSuperResolution(half)) {
                for (var p : model.getBlock().getParameters()) {
                    assertThat(p.getValue().getArray().getDataType()).as(p.getKey())
                            .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
                }
                NDArray got = model.getBlock().forward(ps, new NDList(x), false).head();
                assertThat(got.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
                float worst = got.sub(expected).abs().max().getFloat();
                assertThat(worst).isGreaterThan(0f).isLessThan(1e-2f);
            }
            try (ZooFaceUpscaler up = FsrModelZoo.upscaler(half)) {
                Image lr = TestImages.random(8, 2);
                int[] got = TestImages.pixels(up.upscale(java.util.List.of(lr)).get(0));
                int[] want = ZooFixtures.expectedPixels(m, net, lr, 32, false);
                int worst = 0;
                for (int i = 0; i < got.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want[i]));
                }
                assertThat(worst).isLessThanOrEqualTo(2);
            }
            assertThatThrownBy(() -> fullCard.toBuilder().optWeightsDataType("int8").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float16");
        }
    }

    @Test
    void crossDomainModelUpsamplesWithMatlabBicubicBeforeTheNetwork() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CrossDomainSr net = ZooFixtures.tinyCrossDomain(m);
            Path dir = tmp.resolve("tiny-cd");
            ModelCard card = ZooFixtures.export(net, "tiny-cd", 8, 32, dir);
            assertThat(card.architecture()).isEqualTo("crossdomain");
            Image lr = TestImages.random(8, 2);
            try (ZooFaceUpscaler up = FsrModelZoo.upscaler(dir)) {
                assertThat(up.name()).isEqualTo("tiny-cd");
                assertThat(up.inputSize()).isEqualTo(8);
                assertThat(up.outputSize()).isEqualTo(32);
                Image sr = up.upscale(List.of(lr)).get(0);
                assertThat(TestImages.pixels(sr))
                        .containsExactly(ZooFixtures.expectedPixels(m, net, lr, 32, true));
            }
        }
    }

    @Test
    void crossDomainModelServesSeveralInputSizesAndAFixedModelDoesNot() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CrossDomainSr net = ZooFixtures.tinyCrossDomain(m);
            Path dir = tmp.resolve("tiny-cd-scales");
            ZooFixtures.export(net, "tiny-cd-scales", 8, 32, dir);
            try (ZooFaceUpscaler up = FsrModelZoo.upscaler(dir)) {
                assertThat(up.acceptsAnyInputSize()).isTrue();
                for (int side : new int[] {16, 5, 8}) { // 2x, 6.4x, 4x onto the 32 grid
                    Image lr = TestImages.random(side, side);
                    List<Image> sr = up.upscale(List.of(lr, lr));
                    assertThat(sr).hasSize(2);
                    assertThat(sr.get(0).getWidth()).isEqualTo(32);
                    assertThat(sr.get(1).getHeight()).isEqualTo(32);
                    assertThat(TestImages.pixels(up.upscale(List.of(lr)).get(0))).as("side %d", side)
                            .containsExactly(ZooFixtures.expectedPixels(m, net, lr, 32, true));
                }
                assertThatThrownBy(() -> up.upscale(List.of(TestImages.random(16, 1), TestImages.random(8, 1))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("one side from 1 to 32")
                        .hasMessageContaining("index 1");
                assertThatThrownBy(() -> up.upscale(List.of(TestImages.random(40, 1))))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40x40");
            }
            Path fast = tmp.resolve("tiny-fast-fixed");
            ZooFixtures.export(ZooFixtures.tinyFast(m), "tiny-fast-fixed", 8, 32, fast);
            try (ZooFaceUpscaler up = FsrModelZoo.upscaler(fast)) {
                assertThat(up.acceptsAnyInputSize()).isFalse();
                assertThatThrownBy(() -> up.upscale(List.of(TestImages.random(4, 1))))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 8x8 crops");
            }
        }
    }

    @Test
    void landmarkModelReturnsDecodedPoints() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LandmarkHourglass net = ZooFixtures.tinyLandmarks(m);
            Path dir = tmp.resolve("tiny-lm");
            ZooFixtures.export(net, "tiny-lm", 16, 4, dir);
            Image face = TestImages.random(16, 3);
            NDList maps = net.forward(new ParameterStore(m, false),
                    new NDList(ZooFixtures.toArray(m, face)), false);
            float[] expected = new HeatmapDecoder(4, HeatmapDecoder.Refinement.GAUSSIAN_FIT)
                    .decode(maps.get(1)).toFloatArray();
            assertThatThrownBy(() -> FsrModelZoo.loadSuperResolution(dir))
                    .hasMessageContaining("tiny-lm").hasMessageContaining("LANDMARKS");
            try (ZooModel<Image, float[][]> model = FsrModelZoo.loadLandmarks(dir);
                    Predictor<Image, float[][]> p = model.newPredictor()) {
                float[][] points = p.predict(face);
                assertThat(points).hasNumberOfRows(68);
                for (int i = 0; i < 68; i++) {
                    assertThat(points[i]).containsExactly(expected[2 * i], expected[2 * i + 1]);
                }
            }
        }
    }

    @Test
    void missingWeightsNameTheModelAndTheFile() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("tiny-x4");
            ZooFixtures.export(ZooFixtures.tinyFast(m), "tiny-x4", 8, 32, dir);
            Files.delete(dir.resolve("tiny-x4-0000.params"));
            assertThatThrownBy(() -> FsrModelZoo.loadSuperResolution(dir))
                    .isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("'tiny-x4'")
                    .hasMessageContaining(dir.resolve("tiny-x4-0000.params").toString())
                    .hasMessageContaining("missing");
            assertThatThrownBy(() -> FsrModelZoo.loadSuperResolution(tmp.resolve("nowhere")))
                    .isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("model-card.json");
        }
    }

    @Test
    void corruptedWeightsFailTheChecksumWithAClearMessage() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("tiny-x4");
            ZooFixtures.export(ZooFixtures.tinyFast(m), "tiny-x4", 8, 32, dir);
            Path weights = dir.resolve("tiny-x4-0000.params");
            byte[] bytes = Files.readAllBytes(weights);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(weights, bytes);
            assertThatThrownBy(() -> FsrModelZoo.loadSuperResolution(dir))
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("'tiny-x4'")
                    .hasMessageContaining(weights.toString())
                    .hasMessageContaining("SHA-256");
        }
    }

    @Test
    void truncatedWeightsFailWithAClearMessageEvenWhenTheCardMatches() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("tiny-x4");
            ModelCard card = ZooFixtures.export(ZooFixtures.tinyFast(m), "tiny-x4", 8, 32, dir);
            Path weights = dir.resolve("tiny-x4-0000.params");
            byte[] bytes = Files.readAllBytes(weights);
            Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> FsrModelZoo.loadSuperResolution(dir))
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("'tiny-x4'")
                    .hasMessageContaining(weights.toString())
                    .hasMessageContaining("truncated");

            // a card rewritten for the truncated file: the checksum passes, DJL's read fails
            ModelCards.write(card.toBuilder().optWeights(card.weightsFile(), Files.size(weights),
                    ModelCards.sha256(weights)).build(), dir.resolve(ModelCard.FILE_NAME));
            assertThatThrownBy(() -> FsrModelZoo.loadSuperResolution(dir))
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("'tiny-x4'")
                    .hasMessageContaining("cannot load the weights file " + weights);
        }
    }

    @Test
    void loadsByNameFromInsideAJarAndCleansUp() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            FastSr net = ZooFixtures.tinyFast(m);
            Path dir = tmp.resolve("export/tiny-x4");
            ZooFixtures.export(net, "tiny-x4", 8, 32, dir);
            Path jar = tmp.resolve("models.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (String d : new String[] {"dev/", "dev/facesr/", "dev/facesr/models/",
                        "dev/facesr/models/tiny-x4/"}) {
                    out.putNextEntry(new JarEntry(d));
                    out.closeEntry();
                }
                for (String f : new String[] {"model-card.json", "tiny-x4-0000.params"}) {
                    out.putNextEntry(new JarEntry("dev/facesr/models/tiny-x4/" + f));
                    Files.copy(dir.resolve(f), out);
                    out.closeEntry();
                }
            }
            Path sysTmp = Path.of(System.getProperty("java.io.tmpdir"));
            long before = extractionDirs(sysTmp);
            Image lr = TestImages.random(8, 4);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                FsrModelZoo zoo = FsrModelZoo.of(loader);
                assertThat(loader.getResource("dev/facesr/models/tiny-x4/model-card.json")
                        .getProtocol()).isEqualTo("jar");
                assertThat(zoo.listModels()).extracting(ModelCard::name)
                        .containsExactly("tiny-x4");
                try (ZooFaceUpscaler up = new ZooFaceUpscaler(zoo.card("tiny-x4"),
                        zoo.loadSuperResolution("tiny-x4"))) {
                    assertThat(TestImages.pixels(up.upscale(List.of(lr)).get(0)))
                            .containsExactly(ZooFixtures.expectedPixels(m, net, lr, 32, false));
                }
                assertThatThrownBy(() -> zoo.card("fsr-x8"))
                        .isInstanceOf(ModelNotFoundException.class)
                        .hasMessageContaining("[tiny-x4]");
            }
            assertThat(extractionDirs(sysTmp)).isEqualTo(before);
        }
    }

    @Test
    void shippedModelsAreListedAndSayThatTheirWeightsAreMissing() throws Exception {
        FsrModelZoo zoo = FsrModelZoo.classpath();
        List<ModelCard> cards = zoo.listModels();
        assertThat(cards).extracting(ModelCard::name)
                .containsAll(FsrModelZoo.SHIPPED);
        for (ModelCard c : cards) {
            String expected = "dev/facesr/models/" + c.name() + "/" + c.name() + "-0000.params";
            if (c.hasWeights()) {
                assertThat(FsrModelZoo.class.getClassLoader().getResource(expected))
                        .as("the weights file of the trained model %s", c.name()).isNotNull();
            }
            if (FsrModelZoo.SHIPPED.contains(c.name()) && !c.hasWeights()) {
                if (c.kind() == ModelKind.SUPER_RESOLUTION) {
                    assertThatThrownBy(() -> zoo.loadSuperResolution(c.name()))
                            .isInstanceOf(ModelNotFoundException.class)
                            .hasMessageContaining("'" + c.name() + "'")
                            .hasMessageContaining(expected);
                } else if (c.kind() == ModelKind.IDENTITY) {
                    assertThatThrownBy(() -> zoo.embedder(c.name()))
                            .isInstanceOf(ModelNotFoundException.class)
                            .hasMessageContaining("'" + c.name() + "'")
                            .hasMessageContaining(expected);
                } else {
                    assertThatThrownBy(() -> zoo.loadLandmarks(c.name()))
                            .isInstanceOf(ModelNotFoundException.class)
                            .hasMessageContaining("'" + c.name() + "'")
                            .hasMessageContaining(expected);
                }
            }
        }
        assertThatThrownBy(() -> zoo.card("fsr-x16"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("fsr-x16")
                .hasMessageContaining("fsr-x8");
    }

    private static long extractionDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("facesr-tiny-x4-")).count();
        }
    }
}
