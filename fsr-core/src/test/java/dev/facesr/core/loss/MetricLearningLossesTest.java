package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.loss.testing.LossContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricLearningLossesTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static NDList cosines(NDManager m) {
        return new NDList(m.randomUniform(-0.9f, 0.9f, new Shape(4, 5)));
    }

    @Test
    void cosFaceKeepsTheContract() {
        LossContract.of((w, r) -> MarginSoftmaxLoss.builder().optWeight(w).optReduction(r).build())
                .inputs(m -> new NDList(m.create(new int[] {0, 4, 1, 4})),
                        MetricLearningLossesTest::cosines)
                .weight(0.3f)
                .verify();
    }

    @Test
    void arcFaceKeepsTheContract() {
        LossContract.of((w, r) -> MarginSoftmaxLoss.builder().optAngularMargin(0.5f)
                        .optCosineMargin(0f).optScale(16f).optWeight(w).optReduction(r).build())
                .inputs(m -> new NDList(m.create(new int[] {3, 0, 2, 2})),
                        MetricLearningLossesTest::cosines)
                .weight(1.7f)
                .verify();
    }

    @Test
    void cosFaceMatchesTheDefinition() {
        NDArray cos = manager.create(new float[] {0.8f, 0.1f, -0.2f}, new Shape(1, 3));
        NDArray label = manager.create(new long[] {0});
        float s = 10f;
        float m = 0.3f;
        float value = MarginSoftmaxLoss.builder().optScale(s).optCosineMargin(m).build()
                .evaluate(new NDList(label), new NDList(cos)).getFloat();
        double target = s * (0.8 - m);
        double expected = Math.log(Math.exp(target) + Math.exp(s * 0.1) + Math.exp(s * -0.2))
                - target;
        assertThat(value).isCloseTo((float) expected, within(1e-4f));
    }

    @Test
    void arcFaceAddsTheAngleToTheTargetOnly() {
        NDArray cos = manager.create(new float[] {0.5f, 0.2f}, new Shape(1, 2));
        NDArray label = manager.create(new long[] {0});
        float value = MarginSoftmaxLoss.builder().optScale(1f).optCosineMargin(0f)
                .optAngularMargin(0.4f).build()
                .evaluate(new NDList(label), new NDList(cos)).getFloat();
        double target = Math.cos(Math.acos(0.5) + 0.4);
        double expected = Math.log(Math.exp(target) + Math.exp(0.2)) - target;
        assertThat(value).isCloseTo((float) expected, within(1e-5f));
    }

    @Test
    void theMarginMakesTheLossLargerThanPlainSoftmax() {
        NDList cos = new NDList(manager.create(new float[] {0.6f, 0.5f, 0.1f, 0.9f}, new Shape(2, 2)));
        NDList labels = new NDList(manager.create(new long[] {0, 1}));
        float plain = MarginSoftmaxLoss.builder().optCosineMargin(0f).build()
                .evaluate(labels, cos).getFloat();
        float margin = MarginSoftmaxLoss.builder().build().evaluate(labels, cos).getFloat();
        assertThat(margin).isGreaterThan(plain);
    }

    @Test
    void marginSoftmaxRejectsBadInput() {
        MarginSoftmaxLoss loss = MarginSoftmaxLoss.builder().build();
        NDList cos = new NDList(manager.zeros(new Shape(2, 3)));
        assertThatThrownBy(() -> loss.evaluate(new NDList(manager.create(new long[] {0, 3})), cos))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> loss.evaluate(new NDList(manager.create(new long[] {0})), cos))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one class index");
        assertThatThrownBy(() -> MarginSoftmaxLoss.builder().optScale(0f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> MarginSoftmaxLoss.builder().optAngularMargin(2f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("angular");
        assertThatThrownBy(() -> MarginSoftmaxLoss.builder().optCosineMargin(-0.1f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cosine margin");
    }

    @Test
    void cosineDistillationKeepsTheContract() {
        LossContract.of((w, r) -> CosineDistillationLoss.builder().optWeight(w).optReduction(r)
                        .build())
                .inputs(m -> new NDList(m.randomNormal(new Shape(3, 8))),
                        m -> new NDList(m.randomNormal(new Shape(3, 8))))
                .weight(2.5f)
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void cosineDistillationIgnoresLengthAndMeasuresDirection() {
        NDArray t = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
        NDArray s = manager.create(new float[] {5, 0, -1, 0}, new Shape(2, 2));
        float[] v = CosineDistillationLoss.builder().optReduction(Reduction.NONE).build()
                .evaluate(new NDList(t), new NDList(s)).toFloatArray();
        assertThat(v[0]).isCloseTo(0f, within(1e-6f));
        assertThat(v[1]).isCloseTo(1f, within(1e-6f));
        assertThatThrownBy(() -> CosineDistillationLoss.builder().build()
                        .evaluate(new NDList(t), new NDList(manager.zeros(new Shape(2, 3)))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
