package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.facesr.core.loss.testing.LossContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DistillationLossesTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void crossEntropyKeepsTheContract() {
        LossContract.of((w, r) -> CrossEntropyLoss.builder().optWeight(w).optReduction(r).build())
                .inputs(
                        m -> new NDList(m.create(new int[] {0, 2, 1, 2})),
                        m -> new NDList(TestArrays.normal(m, 1, 2f, 4, 3)))
                .verify();
    }

    @Test
    void crossEntropyMatchesTheDefinition() {
        NDArray logits = manager.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
        NDArray classes = manager.create(new long[] {2, 0}, new Shape(2, 1));
        float[] values =
                CrossEntropyLoss.builder().optReduction(Reduction.NONE).build()
                        .evaluate(new NDList(classes), new NDList(logits)).toFloatArray();
        double logSumExp = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertThat(values[0]).isCloseTo((float) (logSumExp - 3), within(1e-5f));
        assertThat(values[1]).isCloseTo((float) Math.log(3), within(1e-5f));
        // float class labels work too
        float fromFloats =
                CrossEntropyLoss.builder().build()
                        .evaluate(new NDList(classes.toType(DataType.FLOAT32, false)),
                                new NDList(logits))
                        .getFloat();
        assertThat(fromFloats).isCloseTo((values[0] + values[1]) / 2, within(1e-6f));
    }

    @Test
    void crossEntropyExplainsBadLabels() {
        NDList logits = new NDList(manager.zeros(new Shape(2, 3)));
        assertThatThrownBy(
                        () -> CrossEntropyLoss.builder().build()
                                .evaluate(new NDList(manager.create(new int[] {0, 3})), logits))
                .hasMessageContaining("class labels must be in [0, 3) for 3 logits but range over"
                        + " [0, 3]");
        assertThatThrownBy(
                        () -> CrossEntropyLoss.builder().build()
                                .evaluate(new NDList(manager.zeros(new Shape(2, 3))), logits))
                .hasMessageContaining("one class index per sample, shape (2) or (2, 1), but has"
                        + " shape (2, 3)");
    }

    @Test
    void klDistillationKeepsTheContract() {
        for (float temperature : new float[] {1f, 4f}) {
            LossContract.of(
                            (w, r) ->
                                    DistillationLoss.builder()
                                            .optTemperature(temperature)
                                            .optWeight(w)
                                            .optReduction(r)
                                            .build())
                    .inputs(
                            m -> new NDList(TestArrays.normal(m, 2, 3f, 4, 5)),
                            m -> new NDList(TestArrays.normal(m, 3, 3f, 4, 5)))
                    .zeroWhenEqual()
                    .verify();
        }
    }

    @Test
    void klDistillationMatchesTheDefinitionAndScalesByTSquared() {
        float[] teacher = {2, 0, -1};
        float[] student = {0, 1, 0};
        float t = 2f;
        double expected = 0;
        double[] p = softmax(teacher, t);
        double[] q = softmax(student, t);
        for (int c = 0; c < 3; c++) {
            expected += p[c] * (Math.log(p[c]) - Math.log(q[c]));
        }
        expected *= t * t;
        float actual =
                DistillationLoss.builder().optTemperature(t).build()
                        .evaluate(
                                new NDList(manager.create(teacher, new Shape(1, 3))),
                                new NDList(manager.create(student, new Shape(1, 3))))
                        .getFloat();
        assertThat(actual).isCloseTo((float) expected, within(1e-5f));
        assertThatThrownBy(() -> DistillationLoss.builder().optTemperature(0f).build())
                .hasMessageContaining("temperature must be a finite number > 0 but was 0.0");
    }

    private static double[] softmax(float[] logits, float t) {
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] / t);
            sum += out[i];
        }
        for (int i = 0; i < logits.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    @Test
    void featureDistillationKeepsTheContract() {
        LossContract.of(
                        (w, r) ->
                                FeatureDistillationLoss.builder()
                                        .optWeight(w)
                                        .optReduction(r)
                                        .build())
                .inputs(
                        m ->
                                new NDList(
                                        TestArrays.normal(m, 4, 1f, 3, 4, 2, 2),
                                        TestArrays.normal(m, 5, 1f, 3, 8)),
                        m ->
                                new NDList(
                                        TestArrays.normal(m, 6, 1f, 3, 4, 2, 2),
                                        TestArrays.normal(m, 7, 1f, 3, 8)))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void teachersGetNoGradient() {
        NDArray teacherLogits = TestArrays.normal(manager, 8, 1f, 2, 4);
        NDArray studentLogits = TestArrays.normal(manager, 9, 1f, 2, 4);
        NDArray teacherFeature = TestArrays.normal(manager, 10, 1f, 2, 3);
        NDArray studentFeature = TestArrays.normal(manager, 11, 1f, 2, 3);
        for (NDArray a : new NDArray[] {teacherLogits, studentLogits, teacherFeature, studentFeature}) {
            a.setRequiresGradient(true);
        }
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray total =
                    DistillationLoss.builder().build()
                            .evaluate(new NDList(teacherLogits), new NDList(studentLogits))
                            .add(FeatureDistillationLoss.builder().build()
                                    .evaluate(new NDList(teacherFeature), new NDList(studentFeature)));
            collector.backward(total);
        }
        assertThat(studentLogits.getGradient().abs().sum().getFloat()).isPositive();
        assertThat(studentFeature.getGradient().abs().sum().getFloat()).isPositive();
        assertThat(teacherLogits.getGradient().abs().sum().getFloat()).isZero();
        assertThat(teacherFeature.getGradient().abs().sum().getFloat()).isZero();
    }

    @Test
    void featureDistillationExplainsUnpairedFeatures() {
        NDList one = new NDList(manager.zeros(new Shape(2, 3)));
        NDList two = new NDList(manager.zeros(new Shape(2, 3)), manager.zeros(new Shape(2, 3)));
        assertThatThrownBy(() -> FeatureDistillationLoss.builder().build().evaluate(one, two))
                .hasMessageContaining("one array per student feature (2) but hold 1");
    }
}
