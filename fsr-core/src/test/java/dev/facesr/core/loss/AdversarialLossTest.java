package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.facesr.core.loss.AdversarialLoss.GanType;
import dev.facesr.core.loss.AdversarialLoss.Side;
import dev.facesr.core.loss.testing.LossContract;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdversarialLossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static Stream<Arguments> everyTypeSideAndLogitShape() {
        List<Arguments> cases = new ArrayList<>();
        for (GanType type : GanType.values()) {
            for (Side side : Side.values()) {
                cases.add(Arguments.of(type, side, new long[] {4, 1}));
                cases.add(Arguments.of(type, side, new long[] {4, 1, 3, 3}));
            }
        }
        return cases.stream();
    }

    private static AdversarialLoss.Builder builder(GanType type, Side side) {
        return side == Side.GENERATOR
                ? AdversarialLoss.generator(type)
                : AdversarialLoss.discriminator(type);
    }

    @ParameterizedTest(name = "{0} {1} logits {2}")
    @MethodSource("everyTypeSideAndLogitShape")
    void keepsTheContract(GanType type, Side side, long[] logitShape) {
        LossContract contract =
                LossContract.of((w, r) -> builder(type, side).optWeight(w).optReduction(r).build())
                        .inputs(
                                m -> new NDList(TestArrays.normal(m, 1, 2f, logitShape).add(1f)),
                                m -> new NDList(TestArrays.normal(m, 2, 2f, logitShape).sub(1f)));
        if (type == GanType.HINGE && side == Side.GENERATOR) {
            contract.allowNegative(); // -D(sr) is negative when D likes the fakes
        }
        contract.verify();
    }

    @Test
    void computesKnownValues() {
        NDList real = new NDList(manager.create(new float[] {2f, 0f}, new Shape(2, 1)));
        NDList fake = new NDList(manager.create(new float[] {0f, -1f}, new Shape(2, 1)));
        float ln2 = (float) Math.log(2);
        assertThat(noneOf(GanType.VANILLA, Side.GENERATOR, real, fake))
                .containsExactly(new float[] {ln2, softplus(1)}, within(1e-6f));
        assertThat(noneOf(GanType.VANILLA, Side.DISCRIMINATOR, real, fake))
                .containsExactly(
                        new float[] {softplus(-2) + ln2, ln2 + softplus(-1)}, within(1e-6f));
        assertThat(noneOf(GanType.LEAST_SQUARES, Side.GENERATOR, real, fake))
                .containsExactly(1f, 4f);
        assertThat(noneOf(GanType.LEAST_SQUARES, Side.DISCRIMINATOR, real, fake))
                .containsExactly(1f + 0f, 1f + 1f);
        assertThat(noneOf(GanType.HINGE, Side.GENERATOR, real, fake)).containsExactly(0f, 1f);
        assertThat(noneOf(GanType.HINGE, Side.DISCRIMINATOR, real, fake))
                .containsExactly(0f + 1f, 1f + 0f);
        // RaGAN: mean(real) = 1, mean(fake) = -0.5
        float[] g = noneOf(GanType.RELATIVISTIC_AVERAGE, Side.GENERATOR, real, fake);
        assertThat(g[0]).isCloseTo((softplus(2.5f) + softplus(1f)) / 2, within(1e-6f));
        assertThat(g[1]).isCloseTo((softplus(0.5f) + softplus(2f)) / 2, within(1e-6f));
        float[] d = noneOf(GanType.RELATIVISTIC_AVERAGE, Side.DISCRIMINATOR, real, fake);
        assertThat(d[0]).isCloseTo((softplus(-2.5f) + softplus(-1f)) / 2, within(1e-6f));
        assertThat(d[1]).isCloseTo((softplus(-0.5f) + softplus(-2f)) / 2, within(1e-6f));
    }

    private float[] noneOf(GanType type, Side side, NDList real, NDList fake) {
        return builder(type, side).optReduction(Reduction.NONE).build().evaluate(real, fake)
                .toFloatArray();
    }

    private static float softplus(float x) {
        return (float) Math.log1p(Math.exp(x));
    }

    @Test
    void bceWithLogitsIsStableForLargeLogits() {
        NDArray fake = manager.create(new float[] {-200f, 200f}, new Shape(2, 1));
        fake.setRequiresGradient(true);
        AdversarialLoss g =
                AdversarialLoss.generator(GanType.VANILLA).optReduction(Reduction.NONE).build();
        float[] values;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray loss = g.evaluate(new NDList(fake), new NDList(fake));
            values = loss.toFloatArray();
            collector.backward(loss.sum());
        }
        assertThat(values[0]).isCloseTo(200f, within(1e-3f));
        assertThat(values[1]).isCloseTo(0f, within(1e-6f));
        float[] gradient = fake.getGradient().toFloatArray();
        assertThat(gradient[0]).isCloseTo(-1f, within(1e-6f));
        assertThat(gradient[1]).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void generatorGetsAGradientFromZeroLogits() {
        // a discriminator with a zero-initialised last layer outputs exactly 0
        NDArray fake = manager.zeros(new Shape(2, 1));
        fake.setRequiresGradient(true);
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            collector.backward(
                    AdversarialLoss.generator(GanType.VANILLA).build()
                            .evaluate(new NDList(fake), new NDList(fake)));
        }
        // d/df mean(softplus(-f)) = -sigmoid(-f) / N = -0.25 at f = 0, N = 2
        assertThat(fake.getGradient().toFloatArray()).containsExactly(-0.25f, -0.25f);
    }

    @Test
    void followsTheGeneratorStepConventionInsideAWeightedSum() {
        NDArray hr = TestArrays.uniform(manager, 1, 0, 1, 2, 3, 4, 4);
        NDArray sr = TestArrays.uniform(manager, 2, 0, 1, 2, 3, 4, 4);
        NDArray dReal = TestArrays.normal(manager, 3, 1f, 2, 1, 2, 2);
        NDArray dFake = TestArrays.normal(manager, 4, 1f, 2, 1, 2, 2);
        AdversarialLoss adversarial =
                AdversarialLoss.generator(GanType.RELATIVISTIC_AVERAGE).optWeight(5e-3f).build();
        WeightedSumLoss gLoss =
                WeightedSumLoss.builder()
                        .add("pixel", PixelLoss.l1().build(), 0)
                        .add("adversarial", adversarial, 1)
                        .build();
        NDList labels = new NDList(hr, dReal);
        NDList predictions = new NDList(sr, dFake);
        float viaSum = gLoss.evaluateComponents(labels, predictions).get("adversarial").getFloat();
        float direct = adversarial.evaluate(new NDList(dReal), new NDList(dFake)).getFloat();
        assertThat(viaSum).isEqualTo(direct).isPositive();
    }

    @Test
    void rejectsMismatchedLogits() {
        NDList real = new NDList(manager.zeros(new Shape(2, 1)));
        NDList fake = new NDList(manager.zeros(new Shape(2, 1, 4, 4)));
        assertThatThrownBy(
                        () -> AdversarialLoss.discriminator(GanType.HINGE).build()
                                .evaluate(real, fake))
                .hasMessageContaining("adversarial_d: predictions[0] (dFake) has shape (2, 1, 4, 4)"
                        + " but labels[0] (dReal) has shape (2, 1)");
        assertThatThrownBy(
                        () -> AdversarialLoss.generator(GanType.RELATIVISTIC_AVERAGE).build()
                                .evaluate(new NDList(), fake))
                .hasMessageContaining("labels (dReal) must have at least 1 entry but has 0");
        assertThatThrownBy(() -> AdversarialLoss.generator(null).build())
                .hasMessageContaining("the GAN type must not be null");
    }

    @Test
    void nonRelativisticGeneratorIgnoresTheLabels() {
        NDList fake = new NDList(manager.create(new float[] {0.5f, -0.5f}, new Shape(2, 1)));
        float withoutLabels =
                AdversarialLoss.generator(GanType.LEAST_SQUARES).build()
                        .evaluate(new NDList(), fake)
                        .getFloat();
        assertThat(withoutLabels).isCloseTo((0.25f + 2.25f) / 2, within(1e-6f));
    }
}
