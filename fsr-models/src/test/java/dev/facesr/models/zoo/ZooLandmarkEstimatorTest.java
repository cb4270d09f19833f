package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.repository.zoo.ZooModel;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.landmarks.LandmarkHourglass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ZooLandmarkEstimator}: crop geometry, mapping back to the photo, zoo round trip. */
class ZooLandmarkEstimatorTest {

    @TempDir Path tmp;

    private static final Map<String, Object> ARGS =
            Map.of("landmarks", 68, "channels", 4, "stacks", 1, "depth", 1);

    /** A photo, black but for a Gaussian spot of red at (x, y) (pixel-centre). */
    private static FloatImage spot(int w, int h, double x, double y, double sigma) {
        float[] d = new float[3 * w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double g = Math.exp(-((u - x) * (u - x) + (v - y) * (v - y)) / (2 * sigma * sigma));
                d[v * w + u] = (float) (255 * g);
            }
        }
        return new FloatImage(d, 3, h, w, ValueRange.BYTE);
    }

    /**
     * A stand-in model whose 68 heatmaps are all the red channel average-pooled by 4: every
     * point lands on the red spot, so the estimator must return the spot's photo position.
     */
    private static ZooLandmarkEstimator spotFinder(ZooLandmarkEstimator.Framing framing) {
        Model model = Model.newInstance("spot-finder");
        model.setBlock(new LambdaBlock(list -> {
            NDArray red = list.singletonOrThrow().get(":, 0:1, :, :");
            NDArray maps = Pool.avgPool2d(red, new Shape(4, 4), new Shape(4, 4), new Shape(0, 0), false, true);
            return new NDList(maps.repeat(1, 68));
        }));
        ModelCard card = ModelCard.builder().setName("spot-finder")
                .setArchitecture(LandmarkHourglass.ARCHITECTURE, ARGS).setSizes(128, 32).build();
        return new ZooLandmarkEstimator(card, new ZooModel<>(model, new LandmarkTranslator("spot-finder", 128)),
                framing, 0);
    }

    @Test
    void pointsAreMappedBackToPhotoPixels() {
        FloatImage photo = spot(200, 160, 90.0, 70.0, 2.0);
        Image djl = new BufferedImageFactory().fromImage(ImageConversions.toBufferedImage(photo));
        // a box whose crop is smaller than the model input (upsampled) and one larger (shrunk),
        // one partly outside the photo (black border)
        List<BoundingBox> boxes = List.of(new BoundingBox(60, 40, 60, 60), new BoundingBox(10, 5, 170, 150),
                new BoundingBox(-30, 20, 150, 120));
        try (ZooLandmarkEstimator est = spotFinder(ZooLandmarkEstimator.Framing.HAAR_BOX)) {
            assertThat(est.pointCount()).isEqualTo(68);
            for (BoundingBox box : boxes) {
                Landmarks lm = est.estimate(djl, box);
                assertThat(lm.size()).isEqualTo(68);
                double pxPerCrop = ZooLandmarkEstimator.Framing.HAAR_BOX.square(box)[2] / 128;
                double tol = Math.max(0.6, 1.5 * pxPerCrop);
                assertThat(lm.x(0)).as("x for %s", box).isCloseTo(90.0, within(tol));
                assertThat(lm.y(0)).as("y for %s", box).isCloseTo(70.0, within(tol));
                assertThat(lm.x(67)).isCloseTo(lm.x(0), within(1e-4));
            }
        }
    }

    @Test
    void framingAndTrainingSquareFollowTheirDefinitions() {
        double[] s = ZooLandmarkEstimator.Framing.HAAR_BOX.square(new BoundingBox(100, 50, 40, 40));
        assertThat(s[2]).isCloseTo(1.47 * 40, within(1e-9));
        assertThat(s[0] + s[2] / 2).isCloseTo(100 + 0.5 * 40, within(1e-9));
        assertThat(s[1] + s[2] / 2).isCloseTo(50 + 0.65 * 40, within(1e-9));
        double[] whole = ZooLandmarkEstimator.Framing.TRAINING_CROP.square(new BoundingBox(0, 0, 128, 128));
        assertThat(whole).containsExactly(0, 0, 128);

        // points spanning x 10..30, y 20..60 (pixel centres): box edges 9.5..30.5, 19.5..60.5
        float[][] pts = {{10, 20}, {30, 60}, {20, 40}};
        double[] t = ZooLandmarkEstimator.trainingSquare(pts);
        assertThat(t[2]).isCloseTo(1.6 * 40, within(1e-9));
        assertThat(t[0] + t[2] / 2).isCloseTo(20.5, within(1e-9));
        assertThat(t[1] + t[2] / 2).isCloseTo(40.5, within(1e-9));

        // crop pixel centres map to photo pixel centres: the crop's pixel (0,0) centre is half a
        // crop pixel inside the square's corner
        float[][] back = ZooLandmarkEstimator.cropToPhoto(new float[][] {{0, 0}, {127, 127}},
                new double[] {10, 20, 256}, 128);
        assertThat(back[0]).containsExactly(10.5f, 20.5f);
        assertThat(back[1]).containsExactly(264.5f, 274.5f);
    }

    @Test
    void zooRoundTripOfAnExportedHourglass() throws Exception {
        Path dir = tmp.resolve("lm");
        try (NDManager m = NDManager.newBaseManager()) {
            LandmarkHourglass net = LandmarkHourglass.builder().fromArguments(ARGS).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 128));
            ModelExporter.export(net, ModelCard.builder().setName("tiny-landmarks").setSizes(128, 32)
                    .optTraining("test", 0, 1, "none"), dir);
        }
        FloatImage photo = spot(90, 70, 40, 30, 3);
        ZooLandmarkEstimator est = ZooLandmarkEstimator.load(dir, ZooLandmarkEstimator.Framing.HAAR_BOX, 1);
        try (est) {
            assertThat(est.card().name()).isEqualTo("tiny-landmarks");
            assertThat(est.refinePasses()).isEqualTo(1);
            List<float[][]> pts = est.estimateAll(List.of(photo, photo),
                    List.of(new BoundingBox(20, 10, 40, 40), new BoundingBox(0, 0, 90, 70)));
            assertThat(pts).hasSize(2);
            for (float[][] p : pts) {
                assertThat(p).hasNumberOfRows(68);
                for (float[] xy : p) {
                    assertThat(Float.isFinite(xy[0]) && Float.isFinite(xy[1])).isTrue();
                }
            }
            Landmarks five = est.estimate(new BufferedImageFactory()
                    .fromImage(ImageConversions.toBufferedImage(photo)), new BoundingBox(20, 10, 40, 40))
                    .toFivePoint();
            assertThat(five.size()).isEqualTo(5);
        }
        assertThatThrownBy(() -> est.estimateAll(List.of(photo), List.of(new BoundingBox(0, 0, 9, 9))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aCardWithoutWeightsGivesAClearError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("untrained"));
        ModelCards.write(ModelCard.builder().setName("landmarks68")
                .setArchitecture(LandmarkHourglass.ARCHITECTURE, ARGS).setSizes(128, 32).build(),
                dir.resolve(ModelCard.FILE_NAME));
        assertThatThrownBy(() -> ZooLandmarkEstimator.load(dir, ZooLandmarkEstimator.Framing.HAAR_BOX, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no trained weights");
        assertThatThrownBy(() -> ZooLandmarkEstimator.load(tmp.resolve("nothing-here"),
                ZooLandmarkEstimator.Framing.HAAR_BOX, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing-here");
    }

    @Test
    void shippedModelLoadsWhenItHasWeightsAndSaysSoWhenNot() {
        if (ZooLandmarkEstimator.shippedWeightsPresent()) {
            try (ZooLandmarkEstimator est = ZooLandmarkEstimator.load()) {
                assertThat(est.pointCount()).isEqualTo(68);
                assertThat(est.card().commit()).isNotBlank();
            }
        } else {
            assertThatThrownBy(ZooLandmarkEstimator::load).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no trained weights");
        }
    }
}
