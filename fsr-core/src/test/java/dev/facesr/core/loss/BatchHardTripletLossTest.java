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

class BatchHardTripletLossTest {

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
    void keepsTheContract() {
        LossContract.of((w, r) -> BatchHardTripletLoss.builder().optMargin(0.5f).optWeight(w)
                        .optReduction(r).build())
                .inputs(m -> new NDList(m.create(new int[] {0, 0, 1, 1, 2, 2})),
                        m -> new NDList(m.randomNormal(new Shape(6, 5))))
                .weight(0.6f)
                .verify();
    }

    @Test
    void usesTheHardestPositiveAndNegativeOfEachAnchor() {
        // 2-D unit vectors at angles 0, 60 (class 0) and 90, 180 degrees (class 1)
        float c60 = (float) Math.cos(Math.PI / 3);
        float s60 = (float) Math.sin(Math.PI / 3);
        NDArray e = manager.create(new float[] {1, 0, c60, s60, 0, 1, -1, 0}, new Shape(4, 2));
        NDArray ids = manager.create(new long[] {0, 0, 1, 1});
        float[] v = BatchHardTripletLoss.builder().optMargin(0.2f).optReduction(Reduction.NONE)
                .build().evaluate(new NDList(ids), new NDList(e)).toFloatArray();
        // anchor 0: d+ = 1 - cos60 = 0.5; d- = min(1 - cos90, 1 - cos180) = 1 -> max(0, 0.2 - 0.5)
        assertThat(v[0]).isCloseTo(0f, within(1e-6f));
        // anchor 1 (60 deg): d+ = 0.5; d- = 1 - cos30 -> 0.2 + 0.5 - (1 - 0.866)
        assertThat(v[1]).isCloseTo((float) (0.2 + 0.5 - (1 - Math.cos(Math.PI / 6))), within(1e-5f));
        // anchor 2 (90 deg): d+ = 1 - cos90 = 1; d- = 1 - cos30
        assertThat(v[2]).isCloseTo((float) (0.2 + 1 - (1 - Math.cos(Math.PI / 6))), within(1e-5f));
    }

    @Test
    void anchorsWithoutPositiveOrNegativeCountZero() {
        NDArray e = manager.randomNormal(new Shape(3, 4));
        float[] v = BatchHardTripletLoss.builder().optReduction(Reduction.NONE).build()
                .evaluate(new NDList(manager.create(new long[] {0, 1, 1})), new NDList(e))
                .toFloatArray();
        assertThat(v[0]).isZero(); // class 0 has no other image
        assertThat(BatchHardTripletLoss.builder().build().evaluate(
                new NDList(manager.create(new long[] {2, 2, 2})), new NDList(e)).getFloat())
                .isZero(); // no negatives
        assertThatThrownBy(() -> BatchHardTripletLoss.builder().optMargin(0f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
        assertThatThrownBy(() -> BatchHardTripletLoss.builder().build().evaluate(
                        new NDList(manager.create(new long[] {0, 1})), new NDList(e)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one class");
    }
}
