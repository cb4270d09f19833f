package dev.facesr.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.metrics.SyntheticImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MatlabResize} against an independent numpy transcription of MATLAB's {@code imresize.m}.
 *
 * <p>Provenance: {@code /usr/bin/python3 fsr-metrics/src/test/python/reference_resize.py} (numpy
 * 1.24.2), which implements MATLAB's {@code contributions} as a weight matrix from the MATLAB
 * algorithm; its interior agrees exactly with Pillow 9.4.0's float BICUBIC resize for the
 * integer-factor cases (printed by the script). Tolerance 1e-3 on the 0-255 scale (float32 output).
 */
class MatlabResizeTest {
    // pasted from reference_resize.py
    static final int[] HALF_SHAPE = {5, 7};
    static final double HALF_SUM = 4397.3984375000;
    static final double[][] HALF_SAMPLES = {{0, 0, 102.0816802979}, {4, 6, 196.0402832031}, {2, 2, 128.7976074219}, {1, 5, 77.1836395264}};
    static final int[] DOUBLE_SHAPE = {20, 26};
    static final double DOUBLE_SUM = 65064.0000000000;
    static final double[][] DOUBLE_SAMPLES = {{0, 0, 121.4384765625}, {19, 25, 237.8349609375}, {10, 8, 182.3969726562}, {1, 24, 130.8218994141}};
    static final int[] X6_4_SHAPE = {64, 84};
    static final double X6_4_SUM = 673542.0008019594;
    static final double[][] X6_4_SAMPLES = {{0, 0, 126.3367611319}, {63, 83, 244.3733811229}, {32, 28, 190.9537217526}, {1, 82, 229.0129188299}};
    static final int[] EIGHTH_SHAPE = {4, 5};
    static final double EIGHTH_SUM = 2590.8593750000;
    static final double[][] EIGHTH_SAMPLES = {{0, 0, 135.3617462234}, {3, 4, 126.2861918081}, {2, 1, 122.7678348701}, {1, 3, 132.5038648711}};
    static final int[] HALF_BIG_SHAPE = {20, 24};
    static final double HALF_BIG_SUM = 61256.5000000000;
    static final double[][] HALF_BIG_SAMPLES = {{0, 0, 143.2974548340}, {19, 23, 133.3032073975}, {10, 8, 168.4289550781}, {1, 22, 88.1915283203}};
    static final int[] SIZE_7X9_SHAPE = {7, 9};
    static final double SIZE_7X9_SUM = 7883.3672630307;
    static final double[][] SIZE_7X9_SAMPLES = {{0, 0, 91.8867174166}, {6, 8, 176.5875669200}, {3, 3, 129.2360492351}, {1, 7, 108.9338233837}};
    static final int[] SIZE_5X26_SHAPE = {5, 26};
    static final double SIZE_5X26_SUM = 16266.0000000000;
    static final double[][] SIZE_5X26_SAMPLES = {{0, 0, 66.4498291016}, {4, 25, 238.5062255859}, {2, 8, 153.0244750977}, {1, 24, 60.5606384277}};
    static final int[] UINT8_SIZE_7X9_SHAPE = {7, 9};
    static final double UINT8_SIZE_7X9_SUM = 7881.0000000000;
    static final double[][] UINT8_SIZE_7X9_SAMPLES = {{0, 0, 92.0000000000}, {6, 8, 176.0000000000}, {3, 3, 129.0000000000}, {1, 7, 109.0000000000}};
    static final int[] UINT8_X6_4_SHAPE = {64, 84};
    static final double UINT8_X6_4_SUM = 673628.0000000000;
    static final double[][] UINT8_X6_4_SAMPLES = {{0, 0, 126.0000000000}, {63, 83, 244.0000000000}, {32, 28, 191.0000000000}, {1, 82, 229.0000000000}};
    static final double[] HALF_WEIGHTS_ROW1 = {-0.011718750000, -0.035156250000, 0.113281250000, 0.433593750000, 0.433593750000, 0.113281250000, -0.035156250000, -0.011718750000};
    static final int[] HALF_INDICES_ROW1 = {0, 0, 1, 2, 3, 4, 5, 6};

    private static final double TOL = 1e-3;

    private static void check(float[] out, int[] shape, int h, int w, double sum, double[][] samples) {
        assertThat(new int[] {h, w}).isEqualTo(shape);
        assertThat(out).hasSize(h * w);
        double s = 0;
        for (float v : out) {
            s += v;
        }
        assertThat(s).isCloseTo(sum, within(TOL * out.length));
        for (double[] p : samples) {
            assertThat((double) out[(int) p[0] * w + (int) p[1]]).as("pixel (%s, %s)", p[0], p[1])
                    .isCloseTo(p[2], within(TOL));
        }
    }

    @Test
    void scaleFactorsMatchTheReference() {
        float[] p = SyntheticImages.plane(10, 13, 7);
        check(MatlabResize.resizePlanes(p, 1, 10, 13, 0.5), HALF_SHAPE, 5, 7, HALF_SUM, HALF_SAMPLES);
        check(MatlabResize.resizePlanes(p, 1, 10, 13, 2.0), DOUBLE_SHAPE, 20, 26, DOUBLE_SUM, DOUBLE_SAMPLES);
        check(MatlabResize.resizePlanes(p, 1, 10, 13, 6.4), X6_4_SHAPE, 64, 84, X6_4_SUM, X6_4_SAMPLES);
        float[] q = SyntheticImages.plane(32, 40, 9);
        check(MatlabResize.resizePlanes(q, 1, 32, 40, 0.125), EIGHTH_SHAPE, 4, 5, EIGHTH_SUM, EIGHTH_SAMPLES);
        float[] r = SyntheticImages.plane(40, 48, 11);
        check(MatlabResize.resizePlanes(r, 1, 40, 48, 0.5), HALF_BIG_SHAPE, 20, 24, HALF_BIG_SUM, HALF_BIG_SAMPLES);
    }

    @Test
    void outputSizesMatchTheReference() {
        float[] p = SyntheticImages.plane(10, 13, 7);
        // different factors per axis: the one with the smaller factor goes first, as in MATLAB
        check(MatlabResize.resizePlanes(p, 1, 10, 13, 7, 9), SIZE_7X9_SHAPE, 7, 9, SIZE_7X9_SUM, SIZE_7X9_SAMPLES);
        check(MatlabResize.resizePlanes(p, 1, 10, 13, 5, 26), SIZE_5X26_SHAPE, 5, 26, SIZE_5X26_SUM, SIZE_5X26_SAMPLES);
    }

    @Test
    void uint8ImagesAreRoundedAfterEachPassAsMatlabDoes() {
        FloatImage p = new FloatImage(SyntheticImages.plane(10, 13, 7), 1, 10, 13, ValueRange.BYTE);
        FloatImage a = MatlabResize.resizeAsUint8(p, 7, 9);
        check(a.data(), UINT8_SIZE_7X9_SHAPE, 7, 9, UINT8_SIZE_7X9_SUM, UINT8_SIZE_7X9_SAMPLES);
        FloatImage b = MatlabResize.resizeAsUint8(p, 6.4);
        check(b.data(), UINT8_X6_4_SHAPE, 64, 84, UINT8_X6_4_SUM, UINT8_X6_4_SAMPLES);
        // rounding only once at the end gives a different image (MATLAB's double path, rounded)
        assertThat(MatlabResize.resize(p, 7, 9).quantizeToUint8()).isNotEqualTo(a);
        // the same in the [0,1] range
        FloatImage unit = new FloatImage(divide(p.data(), 255f), 1, 10, 13, ValueRange.UNIT);
        FloatImage c = MatlabResize.resizeAsUint8(unit, 7, 9);
        assertThat(c.range()).isEqualTo(ValueRange.UNIT);
        assertThat(c.toByteRange().quantizeToUint8()).isEqualTo(a);
    }

    private static float[] divide(float[] v, float d) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / d;
        }
        return out;
    }

    @Test
    void shrinkingUsesTheStretchedKernelWithMirroredBorders() {
        MatlabResize.Contributions c = MatlabResize.Contributions.of(8, 4, 0.5);
        List<Double> w = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < c.taps; k++) {
            if (c.weights[c.taps + k] != 0) {
                w.add(c.weights[c.taps + k]);
                idx.add(c.indices[c.taps + k]);
            }
        }
        assertThat(w).hasSize(HALF_WEIGHTS_ROW1.length);
        for (int k = 0; k < w.size(); k++) {
            assertThat(w.get(k)).isCloseTo(HALF_WEIGHTS_ROW1[k], within(1e-12));
            assertThat(idx.get(k)).isEqualTo(HALF_INDICES_ROW1[k]);
        }
        // MATLAB's cubic kernel at a few points (a = -0.5)
        assertThat(MatlabResize.cubic(0)).isEqualTo(1.0);
        assertThat(MatlabResize.cubic(1)).isEqualTo(0.0);
        assertThat(MatlabResize.cubic(0.5)).isCloseTo(0.5625, within(1e-12));
        assertThat(MatlabResize.cubic(-1.5)).isCloseTo(-0.0625, within(1e-12));
        assertThat(MatlabResize.cubic(2.5)).isEqualTo(0.0);
    }

    @Test
    void constantImagesStayConstantAtAnyScale() {
        float[] flat = new float[2 * 17 * 23];
        java.util.Arrays.fill(flat, 0, 17 * 23, 0.25f);
        java.util.Arrays.fill(flat, 17 * 23, flat.length, 200f);
        for (double scale : new double[] {8, 6.4, 0.125, 1 / 6.4, 0.37, 1.0, 3}) {
            float[] out = MatlabResize.resizePlanes(flat, 2, 17, 23, scale);
            int n = out.length / 2;
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as("scale %s", scale).isCloseTo(i < n ? 0.25f : 200f, within(1e-4f));
            }
        }
    }

    @Test
    void outputSizeIsCeilOfInTimesScale() {
        assertThat(MatlabResize.outputSize(16, 8)).isEqualTo(128);
        assertThat(MatlabResize.outputSize(128, 0.125)).isEqualTo(16);
        assertThat(MatlabResize.outputSize(20, 6.4)).isEqualTo(128);
        assertThat(MatlabResize.outputSize(13, 6.4)).isEqualTo(84);
        assertThat(MatlabResize.outputSize(21, 0.5)).isEqualTo(11);
        assertThatThrownBy(() -> MatlabResize.outputSize(10, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> MatlabResize.outputSize(10, Double.NaN)).hasMessageContaining("positive");
    }

    @Test
    void identityScaleKeepsTheImage() {
        float[] p = SyntheticImages.plane(9, 11, 3);
        float[] out = MatlabResize.resizePlanes(p, 1, 9, 11, 1.0);
        for (int i = 0; i < p.length; i++) {
            assertThat(out[i]).isCloseTo(p[i], within(1e-4f));
        }
    }

    @Test
    void ndarraysResizeEveryPlaneAndKeepLeadingAxes() {
        float[] p = SyntheticImages.plane(10, 13, 7);
        float[] two = new float[2 * p.length];
        System.arraycopy(p, 0, two, 0, p.length);
        for (int i = 0; i < p.length; i++) {
            two[p.length + i] = p[i] / 255f;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nchw = m.create(two, new Shape(2, 1, 10, 13));
            NDArray out = MatlabResize.resize(nchw, 2.0);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 1, 20, 26));
            float[] v = out.toFloatArray();
            check(java.util.Arrays.copyOfRange(v, 0, 520), DOUBLE_SHAPE, 20, 26, DOUBLE_SUM, DOUBLE_SAMPLES);
            assertThat(v[520 + 10 * 26 + 8] * 255.0).isCloseTo(DOUBLE_SAMPLES[2][2], within(1e-3));
            NDArray chw = MatlabResize.resize(m.create(p, new Shape(1, 10, 13)), 7, 9);
            assertThat(chw.getShape()).isEqualTo(new Shape(1, 7, 9));
            check(chw.toFloatArray(), SIZE_7X9_SHAPE, 7, 9, SIZE_7X9_SUM, SIZE_7X9_SAMPLES);
            assertThatThrownBy(() -> MatlabResize.resize(m.create(new float[4], new Shape(4)), 2.0))
                    .hasMessageContaining("HW, CHW or NCHW");
        }
    }

    @Test
    void bufferedImagesAreResizedAsMatlabUint8() {
        FloatImage img = SyntheticImages.reference(32, 40, 1);
        BufferedImage small = MatlabResize.resize(ImageConversions.toBufferedImage(img), 0.25);
        assertThat(small.getWidth()).isEqualTo(10);
        assertThat(small.getHeight()).isEqualTo(8);
        FloatImage expected = MatlabResize.resizeAsUint8(img, 0.25);
        assertThat(ImageConversions.fromBufferedImage(small)).isEqualTo(expected);
        BufferedImage grey = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 4, 0, 200);
        BufferedImage big = MatlabResize.resize(grey, 20, 24);
        assertThat(big.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(big.getRaster().getSample(0, 0, 0)).isZero();
    }
}
