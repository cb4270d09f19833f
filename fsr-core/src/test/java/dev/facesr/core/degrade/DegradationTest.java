package dev.facesr.core.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DegradationTest {

    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** A smooth but non-trivial RGB test pattern in [0.1, 0.9]. */
    static FloatImage pattern(int c, int h, int w) {
        FloatImage im = new FloatImage(c, h, w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.3 * Math.sin(0.3 * x + ch) * Math.cos(0.21 * y - ch);
                    im.set(ch, y, x, (float) v);
                }
            }
        }
        return im;
    }

    static FloatImage constant(int c, int h, int w, float v) {
        FloatImage im = new FloatImage(c, h, w);
        java.util.Arrays.fill(im.data(), v);
        return im;
    }

    static Stream<Arguments> all() {
        return Stream.of(
                Arguments.of(new GaussianBlur(1.5), false),
                Arguments.of(new MotionBlur(7, 30), false),
                Arguments.of(new GaussianNoise(0.05), true),
                Arguments.of(new GaussianNoise(0.05, true), true),
                Arguments.of(new PoissonNoise(1.0), true),
                Arguments.of(new JpegCompression(30), false),
                Arguments.of(new ColorJitter(0.3, 0.3, 0.3, 0.1), true),
                Arguments.of(new AreaDownscale(4), false),
                Arguments.of(BicubicResize.shrinkBy(4), false),
                Arguments.of(BicubicResize.toSize(10, 7).withoutQuantization(), false),
                Arguments.of(RandomDegradation.gfpganStyle(new AreaDownscale(4)), true),
                Arguments.of(RandomDegradation.gfpganStyle(BicubicResize.shrinkBy(4)), true),
                Arguments.of(
                        Degradations.sequence(new GaussianBlur(1), new AreaDownscale(2),
                                new GaussianNoise(0.02)),
                        true));
    }

    @ParameterizedTest
    @MethodSource("all")
    void sameSeedSameOutputAndRandomOnesDependOnSeed(Degradation d, boolean random) {
        NDArray x = pattern(3, 32, 24).toNDArray(manager);
        float[] a = d.apply(x, 42L).toFloatArray();
        float[] b = d.apply(x, 42L).toFloatArray();
        float[] c = d.apply(x, 43L).toFloatArray();
        assertThat(a).containsExactly(b);
        if (random) {
            assertThat(a).isNotEqualTo(c);
        } else {
            assertThat(a).containsExactly(c);
        }
        // java.util.Random works too, and is reproducible
        float[] r1 = d.apply(x, new Random(5)).toFloatArray();
        float[] r2 = d.apply(x, new Random(5)).toFloatArray();
        assertThat(r1).containsExactly(r2);
    }

    @ParameterizedTest
    @MethodSource("all")
    void outputShapeMatchesForImagesAndBatches(Degradation d, boolean random) {
        NDArray x = pattern(3, 32, 24).toNDArray(manager);
        NDArray y = d.apply(x, 1L);
        assertThat(y.getShape()).isEqualTo(d.outputShape(x.getShape()));
        assertThat(y.getManager()).isSameAs(x.getManager());
        assertThat(y.getDevice()).isEqualTo(x.getDevice());
        NDArray batch = x.expandDims(0).repeat(0, 3);
        NDArray yb = d.apply(batch, 1L);
        assertThat(yb.getShape()).isEqualTo(d.outputShape(batch.getShape()));
        assertThat(yb.getShape().get(0)).isEqualTo(3);
        float min = yb.min().getFloat();
        float max = yb.max().getFloat();
        assertThat(min).isGreaterThanOrEqualTo(0f);
        assertThat(max).isLessThanOrEqualTo(1f);
        if (random) {
            // each image in a batch draws its own noise / parameters
            assertThat(yb.get(0).toFloatArray()).isNotEqualTo(yb.get(1).toFloatArray());
        }
    }

    @Test
    void batchOfNonRandomEqualsPerImage() {
        GaussianBlur blur = new GaussianBlur(2);
        NDArray x = pattern(3, 20, 20).toNDArray(manager);
        NDArray batch = x.expandDims(0).repeat(0, 2);
        float[] single = blur.apply(x, 0L).toFloatArray();
        assertThat(blur.apply(batch, 0L).get(1).toFloatArray()).containsExactly(single);
    }

    @Test
    void rejectsWrongRankAndSizes() {
        NDArray hw = manager.zeros(new Shape(8, 8));
        assertThatThrownBy(() -> new GaussianBlur(1).apply(hw, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHW");
        NDArray odd = manager.zeros(new Shape(3, 10, 9));
        assertThatThrownBy(() -> new AreaDownscale(2).apply(odd, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 2");
        assertThatThrownBy(() -> new GaussianBlur(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JpegCompression(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColorJitter(0, 0, 0, 0.6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MotionBlur(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDegradation.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setDownscale");
        assertThatThrownBy(
                        () -> RandomDegradation.builder()
                                .setDownscale(new AreaDownscale(2))
                                .optJpeg(1, 90, 80)
                                .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blurOfConstantImageIsConstant() {
        FloatImage c = constant(3, 17, 13, 0.37f);
        for (ImageDegradation blur : List.of(new GaussianBlur(2.5), new MotionBlur(9, 37))) {
            float[] out = blur.apply(c, new SplittableRandom(0)).data();
            for (float v : out) {
                assertThat(v).isCloseTo(0.37f, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void blurSmoothsAndPreservesMean() {
        FloatImage im = new FloatImage(1, 16, 16);
        im.set(0, 8, 8, 1f); // an impulse far from the border
        FloatImage out = new GaussianBlur(1.0).apply(im, new SplittableRandom(0));
        double sum = 0;
        for (float v : out.data()) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(out.get(0, 8, 8)).isLessThan(0.2f).isGreaterThan(out.get(0, 8, 9));
        assertThat(out.get(0, 8, 9)).isCloseTo(out.get(0, 9, 8), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void motionBlurKernelSumsToOneAndFollowsTheAngle() {
        for (double angle : new double[] {0, 45, 90, 133}) {
            float[][] k = new MotionBlur(9, angle).kernel();
            double sum = 0;
            for (float[] row : k) {
                for (float v : row) {
                    sum += v;
                    assertThat(v).isGreaterThanOrEqualTo(0f);
                }
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        float[][] horizontal = new MotionBlur(9, 0).kernel();
        int mid = horizontal.length / 2;
        double rowSum = 0;
        for (float v : horizontal[mid]) {
            rowSum += v;
        }
        assertThat(rowSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        float[][] vertical = new MotionBlur(9, 90).kernel();
        double colSum = 0;
        for (float[] row : vertical) {
            colSum += row[mid];
        }
        assertThat(colSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void gaussianNoiseHasTheStatedStd() {
        FloatImage grey = constant(3, 128, 128, 0.5f);
        FloatImage out = new GaussianNoise(0.05).apply(grey, new SplittableRandom(7));
        double[] ms = meanStd(out.data(), 0.5);
        assertThat(ms[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.002));
        assertThat(ms[1]).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void grayNoiseIsSharedAcrossChannels() {
        FloatImage out = new GaussianNoise(0.05, true).apply(constant(3, 8, 8, 0.5f), new SplittableRandom(1));
        assertThat(out.get(0, 3, 4)).isEqualTo(out.get(2, 3, 4)).isNotEqualTo(0.5f);
    }

    @Test
    void poissonNoiseHasTheExpectedStd() {
        double scale = 2.0;
        FloatImage grey = constant(3, 128, 128, 0.5f);
        FloatImage out = new PoissonNoise(scale).apply(grey, new SplittableRandom(3));
        double[] ms = meanStd(out.data(), 0.5);
        double expected = scale * Math.sqrt(0.5 / 255.0);
        assertThat(ms[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.003));
        assertThat(ms[1]).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.03 * expected));
    }

    @Test
    void poissonSamplerMatchesMeanAndVariance() {
        SplittableRandom r = new SplittableRandom(11);
        for (double lambda : new double[] {3.0, 40.0, 200.0}) {
            int n = 40000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                long k = PoissonNoise.poisson(lambda, r);
                s += k;
                s2 += (double) k * k;
            }
            double mean = s / n;
            double var = s2 / n - mean * mean;
            assertThat(mean).isCloseTo(lambda, org.assertj.core.data.Offset.offset(0.03 * lambda));
            assertThat(var).isCloseTo(lambda, org.assertj.core.data.Offset.offset(0.05 * lambda));
        }
    }

    @Test
    void jpegAtLowQualityDiffersMoreThanAtHighQuality() {
        FloatImage im = pattern(3, 64, 64);
        // add (grey) detail so the encoder has something to throw away; colour noise would be
        // dominated by chroma subsampling, which does not depend on the quality
        FloatImage detailed = new GaussianNoise(0.1, true).apply(im, new SplittableRandom(2));
        double low = mse(new JpegCompression(10).apply(detailed, new SplittableRandom(0)), detailed);
        double high = mse(new JpegCompression(95).apply(detailed, new SplittableRandom(0)), detailed);
        assertThat(high).isGreaterThan(0);
        assertThat(low).isGreaterThan(3 * high);
        System.out.printf("JPEG MSE q10 %.5f, q95 %.5f%n", low, high);
        FloatImage grey = new JpegCompression(50).apply(pattern(1, 16, 16), new SplittableRandom(0));
        assertThat(grey.channels()).isEqualTo(1);
        assertThat(mse(grey, pattern(1, 16, 16))).isLessThan(1e-3);
    }

    @Test
    void jpegKeepsColourOrder() {
        FloatImage red = new FloatImage(3, 16, 16);
        java.util.Arrays.fill(red.data(), 0, 256, 0.9f);
        FloatImage out = new JpegCompression(95).apply(red, new SplittableRandom(0));
        assertThat(out.get(0, 8, 8)).isGreaterThan(0.8f);
        assertThat(out.get(2, 8, 8)).isLessThan(0.1f);
    }

    @Test
    void areaDownscaleAveragesBlocks() {
        FloatImage im = new FloatImage(1, 2, 4, new float[] {0, 1, 2, 3, 4, 5, 6, 7});
        FloatImage out = new AreaDownscale(2).apply(im, new SplittableRandom(0));
        assertThat(out.height()).isEqualTo(1);
        assertThat(out.width()).isEqualTo(2);
        assertThat(out.data()).containsExactly(2.5f, 4.5f);
        assertThat(new AreaDownscale(4).outputShape(new Shape(2, 3, 128, 96)))
                .isEqualTo(new Shape(2, 3, 32, 24));
    }

    @Test
    void colorJitterWithZeroRangesIsIdentityAndBrightnessScales() {
        FloatImage im = pattern(3, 8, 8);
        assertThat(new ColorJitter(0, 0, 0, 0).apply(im, new SplittableRandom(0)).data())
                .containsExactly(im.data());
        FloatImage dark = new ColorJitter(0.5, 0, 0, 0).apply(constant(3, 4, 4, 0.4f), new SplittableRandom(9));
        float v = dark.get(0, 0, 0);
        assertThat(v).isBetween(0.2f, 0.6f).isNotEqualTo(0.4f);
        assertThat(dark.get(2, 3, 3)).isEqualTo(v);
        // a hue shift of a grey image changes nothing; of a colour image it keeps the value (max)
        FloatImage hue = new ColorJitter(0, 0, 0, 0.5).apply(im, new SplittableRandom(4));
        for (int p = 0; p < 64; p++) {
            float maxIn = Math.max(im.data()[p], Math.max(im.data()[64 + p], im.data()[128 + p]));
            float maxOut = Math.max(hue.data()[p], Math.max(hue.data()[64 + p], hue.data()[128 + p]));
            assertThat(maxOut).isCloseTo(maxIn, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void sequenceEqualsStepByStep() {
        Degradation a = new GaussianNoise(0.02);
        Degradation b = new AreaDownscale(2);
        NDArray x = pattern(3, 16, 16).toNDArray(manager);
        float[] seq = Degradations.sequence(a, b).apply(x, 3L).toFloatArray();
        SplittableRandom r = new SplittableRandom(3);
        float[] manual = b.apply(a.apply(x, r), r).toFloatArray();
        assertThat(seq).containsExactly(manual);
        // a non-Java step (a plain lambda-like Degradation) goes through the tensor path
        Degradation tensorOnly = new Degradation() {
            @Override
            public NDArray apply(NDArray image, java.util.random.RandomGenerator random) {
                return image.mul(0.5f);
            }

            @Override
            public Shape outputShape(Shape inputShape) {
                return inputShape;
            }
        };
        NDArray half = Degradations.sequence(b, tensorOnly).apply(x, 3L);
        assertThat(half.toFloatArray()).containsExactly(b.apply(x, 3L).mul(0.5f).toFloatArray());
        assertThat(Degradations.identity().apply(x, 0L).toFloatArray()).containsExactly(x.toFloatArray());
    }

    @Test
    void randomDegradationSamplesWithinRanges() {
        RandomDegradation d = RandomDegradation.builder()
                .setDownscale(new AreaDownscale(4))
                .optGaussianBlur(0.5, 1, 2)
                .optJpeg(1, 70, 80)
                .optGaussianNoise(0, 0, 0, 0)
                .build();
        int blurred = 0;
        SplittableRandom r = new SplittableRandom(0);
        for (int i = 0; i < 200; i++) {
            List<Degradation> steps = d.sample(r).steps();
            for (Degradation s : steps) {
                if (s instanceof GaussianBlur) {
                    blurred++;
                    assertThat(((GaussianBlur) s).sigma()).isBetween(1.0, 2.0);
                }
                if (s instanceof JpegCompression) {
                    assertThat(((JpegCompression) s).quality()).isBetween(70, 80);
                }
                assertThat(s).isNotInstanceOf(GaussianNoise.class);
            }
            assertThat(steps).contains(d.downscale());
        }
        assertThat(blurred).isBetween(70, 130);
    }

    private static double[] meanStd(float[] d, double centre) {
        double s = 0;
        double s2 = 0;
        for (float v : d) {
            double e = v - centre;
            s += e;
            s2 += e * e;
        }
        double mean = s / d.length;
        return new double[] {mean, Math.sqrt(s2 / d.length - mean * mean)};
    }

    private static double mse(FloatImage a, FloatImage b) {
        double s = 0;
        for (int i = 0; i < a.data().length; i++) {
            double e = a.data()[i] - b.data()[i];
            s += e * e;
        }
        return s / a.data().length;
    }
}
