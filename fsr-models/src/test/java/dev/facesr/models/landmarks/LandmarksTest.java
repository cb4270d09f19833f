package dev.facesr.models.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.models.zoo.ModelComplexity;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LandmarksTest {

    @Test
    void hourglassGivesOneQuarterResolutionHeatmapsPerStack() {
        try (NDManager m = NDManager.newBaseManager()) {
            LandmarkHourglass net = LandmarkHourglass.builder().optChannels(8).optStacks(2)
                    .optDepth(2).build();
            Shape in = new Shape(2, 3, 32, 32);
            net.initialize(m, DataType.FLOAT32, in);
            NDList out = net.forward(new ParameterStore(m, false),
                    new NDList(m.randomUniform(0f, 1f, in)), false);
            assertThat(out).hasSize(2);
            for (NDArray maps : out) {
                assertThat(maps.getShape()).isEqualTo(new Shape(2, 68, 8, 8));
            }
            assertThat(net.getOutputShapes(new Shape[] {in}))
                    .containsExactly(new Shape(2, 68, 8, 8), new Shape(2, 68, 8, 8));
            assertThatThrownBy(() -> net.getOutputShapes(new Shape[] {new Shape(1, 3, 24, 24)}))
                    .hasMessageContaining("divisible by 16");
        }
    }

    @Test
    void argumentsRoundTrip() {
        LandmarkHourglass net = LandmarkHourglass.builder().optLandmarks(5).optChannels(16)
                .optStacks(1).optDepth(3).build();
        Map<String, Object> parsed = new HashMap<>(net.arguments());
        parsed.put("depth", 3.0);
        assertThat(LandmarkHourglass.builder().fromArguments(parsed).build().arguments())
                .isEqualTo(net.arguments());
        assertThatThrownBy(() -> LandmarkHourglass.builder().optChannels(7).build())
                .hasMessageContaining("even");
        assertThatThrownBy(() -> LandmarkHourglass.builder().fromArguments(Map.of("stack", 1)))
                .hasMessageContaining("known arguments");
    }

    /** Measured figures for docs/models.md; fails if the default design changes. */
    @Test
    void defaultDesignCost() {
        try (NDManager m = NDManager.newBaseManager()) {
            LandmarkHourglass net = LandmarkHourglass.builder().build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 128));
            long params = ParameterCounts.trainable(net);
            long macs = ModelComplexity.multiplyAccumulates(net);
            System.out.printf("landmarks68 params %,d MACs %,d%n", params, macs);
            assertThat(new long[] {params, macs}).containsExactly(2_043_080L, 440_991_744L);
        }
    }

    @Test
    void heatmapsEncodeAndDecodeBackToTheLandmarks() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(3);
            float[] pts = new float[2 * 68 * 2];
            for (int i = 0; i < pts.length; i++) {
                pts[i] = 4f + r.nextFloat() * 119f; // inside a 128 x 128 crop, away from borders
            }
            NDArray landmarks = m.create(pts, new Shape(2, 68, 2));
            NDArray maps = new GaussianHeatmaps(4, 1.5f).encode(landmarks, 32, 32);
            assertThat(maps.getShape()).isEqualTo(new Shape(2, 68, 32, 32));
            assertThat(maps.max().getFloat()).isLessThanOrEqualTo(1f);

            double fit = maxError(new HeatmapDecoder(4, HeatmapDecoder.Refinement.GAUSSIAN_FIT)
                    .decode(maps), landmarks);
            double quarter = maxError(new HeatmapDecoder(4,
                    HeatmapDecoder.Refinement.QUARTER_OFFSET).decode(maps), landmarks);
            double none = maxError(new HeatmapDecoder(4, HeatmapDecoder.Refinement.NONE)
                    .decode(maps), landmarks);
            System.out.printf("round-trip max error px: gaussian fit %.4f, quarter %.3f,"
                    + " none %.3f%n", fit, quarter, none);
            assertThat(fit).isLessThan(0.01);
            assertThat(quarter).isLessThanOrEqualTo(1.0 + 1e-4); // 0.25 heatmap px x stride 4
            assertThat(none).isLessThanOrEqualTo(2.0 + 1e-4); // 0.5 heatmap px x stride 4
            assertThat(quarter).isLessThan(none);
        }
    }

    @Test
    void pixelCentreConventionOnBothGrids() {
        try (NDManager m = NDManager.newBaseManager()) {
            // heatmap pixel (2, 5) covers image pixels 8..11 x 20..23: centre (9.5, 21.5)
            NDArray p = m.create(new float[] {9.5f, 21.5f}, new Shape(1, 2));
            NDArray maps = new GaussianHeatmaps(4, 1f).encode(p, 16, 16);
            assertThat(maps.getShape()).isEqualTo(new Shape(1, 16, 16));
            assertThat(maps.get(0, 5, 2).getFloat()).isEqualTo(1f, within(1e-6f));
            float[] back = new HeatmapDecoder(4, HeatmapDecoder.Refinement.QUARTER_OFFSET)
                    .decode(maps).toFloatArray();
            assertThat(back).containsExactly(new float[] {9.5f, 21.5f}, within(1e-5f));
        }
    }

    @Test
    void fivePointsComeFromTheEyeMeansNoseAndMouthCorners() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] p68 = new float[68][];
            for (int i = 0; i < 68; i++) {
                p68[i] = new float[] {i, 2f * i};
            }
            float[][] five = FivePoints.from68(p68);
            assertThat(five[0]).containsExactly(38.5f, 77f);
            assertThat(five[1]).containsExactly(44.5f, 89f);
            assertThat(five[2]).containsExactly(30f, 60f);
            assertThat(five[3]).containsExactly(48f, 96f);
            assertThat(five[4]).containsExactly(54f, 108f);

            float[] flat = new float[136];
            for (int i = 0; i < 68; i++) {
                flat[2 * i] = p68[i][0];
                flat[2 * i + 1] = p68[i][1];
            }
            NDArray arr = FivePoints.from68(m.create(flat, new Shape(68, 2)));
            assertThat(arr.getShape()).isEqualTo(new Shape(5, 2));
            assertThat(arr.toFloatArray())
                    .containsExactly(38.5f, 77f, 44.5f, 89f, 30f, 60f, 48f, 96f, 54f, 108f);
            NDArray batch = FivePoints.from68(m.create(flat, new Shape(1, 68, 2)));
            assertThat(batch.getShape()).isEqualTo(new Shape(1, 5, 2));
            assertThatThrownBy(() -> FivePoints.from68(m.zeros(new Shape(5, 2))))
                    .hasMessageContaining("68");
        }
    }

    @Test
    void badHeatmapSettingsAreRejected() {
        assertThatThrownBy(() -> new GaussianHeatmaps(4, 0f)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new HeatmapDecoder(0, HeatmapDecoder.Refinement.NONE))
                .hasMessageContaining("stride");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new GaussianHeatmaps(4, 1f).encode(m.zeros(new Shape(3)), 8, 8))
                    .hasMessageContaining("(N, P, 2)");
        }
    }

    private static double maxError(NDArray decoded, NDArray truth) {
        return decoded.sub(truth).abs().max().getFloat();
    }
}
