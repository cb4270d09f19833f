package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaceLossTest {

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
    void appliesWeightAndEveryReduction() {
        FaceLoss.FunctionBuilder builder =
                FaceLoss.of("first", (labels, predictions) -> predictions.head()).optWeight(0.5f);
        NDList predictions = new NDList(manager.create(new float[] {1, 2, 3, 6}));
        NDList labels = new NDList();
        assertThat(builder.build().evaluate(labels, predictions).getFloat()).isEqualTo(1.5f);
        assertThat(builder.optReduction(Reduction.SUM).build().evaluate(labels, predictions)
                        .getFloat())
                .isEqualTo(6f);
        assertThat(builder.optReduction(Reduction.NONE).build().evaluate(labels, predictions)
                        .toFloatArray())
                .containsExactly(0.5f, 1f, 1.5f, 3f);
    }

    @Test
    void defaultsAreWeightOneAndMean() {
        FaceLoss loss = PixelLoss.l1().build();
        assertThat(loss.getWeight()).isEqualTo(1f);
        assertThat(loss.getReduction()).isEqualTo(Reduction.MEAN);
        assertThat(loss.getName()).isEqualTo("pixel_l1");
        assertThat(loss.toString()).contains("pixel_l1", "weight=1.0", "MEAN");
    }

    @Test
    void rejectsNegativeOrNonFiniteWeights() {
        assertThatThrownBy(() -> PixelLoss.l1().optWeight(-1f).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel_l1: weight must be a finite number >= 0 but was -1.0");
        assertThatThrownBy(() -> PixelLoss.l2().optWeight(Float.NaN).build())
                .hasMessageContaining("but was NaN");
        assertThatThrownBy(() -> PixelLoss.l2().optReduction(null).build())
                .hasMessageContaining("reduction must not be null");
        assertThatThrownBy(() -> PixelLoss.l2().optName(" ").build())
                .hasMessageContaining("non-blank name");
    }

    @Test
    void zeroWeightIsAllowedAndGivesZero() {
        NDList a = new NDList(manager.create(new float[] {1, 2}));
        NDList b = new NDList(manager.create(new float[] {3, 5}));
        assertThat(PixelLoss.l1().optWeight(0f).build().evaluate(a, b).getFloat()).isZero();
    }

    @Test
    void explainsAPerSampleFunctionThatDoesNotReduceToTheBatch() {
        FaceLoss broken = FaceLoss.of("broken", (labels, predictions) -> predictions.head()).build();
        NDList images = new NDList(manager.ones(new ai.djl.ndarray.types.Shape(2, 3)));
        assertThatThrownBy(() -> broken.evaluate(images, images))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken: perSample must return one value per sample")
                .hasMessageContaining("(2, 3)");
    }

    @Test
    void meanPerSampleReducesEveryAxisButTheBatch() {
        NDArray x = manager.arange(12f).reshape(2, 2, 3);
        assertThat(LossInputs.meanPerSample(x).toFloatArray()).containsExactly(2.5f, 8.5f);
        assertThat(LossInputs.sumPerSample(x).toFloatArray()).containsExactly(15f, 51f);
    }
}
