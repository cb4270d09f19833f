package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.loss.testing.LossContract;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PixelLossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static void verifyContract(Supplier<PixelLoss.Builder> builder) {
        LossContract.of(
                        (w, r) -> builder.get().optWeight(w).optReduction(r).build())
                .inputs(
                        m -> new NDList(TestArrays.uniform(m, 1, 0, 1, 4, 3, 6, 6)),
                        m -> new NDList(TestArrays.uniform(m, 2, 0, 1, 4, 3, 6, 6)))
                .zeroWhenEqual()
                .verify();
    }

    @Test
    void l1KeepsTheContract() {
        verifyContract(PixelLoss::l1);
    }

    @Test
    void l2KeepsTheContract() {
        verifyContract(PixelLoss::l2);
    }

    @Test
    void charbonnierKeepsTheContract() {
        verifyContract(() -> PixelLoss.charbonnier(1e-3f));
    }

    @Test
    void computesKnownValues() {
        NDList hr = new NDList(manager.create(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, new Shape(2, 4)));
        NDList sr = new NDList(manager.create(new float[] {1, 0, 0, 0, 1, 1, 0, -1}, new Shape(2, 4)));
        // per sample L1: 0.25 and 0.75; L2: 0.25 and 1.25
        assertThat(PixelLoss.l1().optWeight(0.7f).build().evaluate(hr, sr).getFloat())
                .isCloseTo(0.7f * 0.5f, within(1e-6f));
        assertThat(PixelLoss.l2().optReduction(Reduction.NONE).build().evaluate(hr, sr)
                        .toFloatArray())
                .containsExactly(0.25f, 1.25f);
        // Charbonnier tends to L1 for differences much larger than epsilon
        float charbonnier = PixelLoss.charbonnier(1e-3f).build().evaluate(hr, sr).getFloat();
        assertThat(charbonnier).isCloseTo(0.5f, within(1e-3f));
    }

    @Test
    void doesNotReturnScaledLabelsLikeDjlsWeightedL1() {
        // DJL's Loss.l1Loss(name, weight) returns mean(label * weight) when weight != 1.
        NDList hr = new NDList(manager.ones(new Shape(2, 4)));
        NDList sr = new NDList(manager.ones(new Shape(2, 4)));
        assertThat(PixelLoss.l1().optWeight(3f).build().evaluate(hr, sr).getFloat()).isZero();
    }

    @Test
    void rejectsShapeMismatchNamingBothShapes() {
        NDList hr = new NDList(manager.zeros(new Shape(2, 3, 8, 8)));
        NDList sr = new NDList(manager.zeros(new Shape(2, 3, 8, 7)));
        assertThatThrownBy(() -> PixelLoss.l1().build().evaluate(hr, sr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel_l1")
                .hasMessageContaining("(2, 3, 8, 7)")
                .hasMessageContaining("(2, 3, 8, 8)");
    }

    @Test
    void rejectsMissingInputs() {
        NDList hr = new NDList(manager.zeros(new Shape(2, 3)));
        assertThatThrownBy(() -> PixelLoss.l1().build().evaluate(hr, new NDList()))
                .hasMessageContaining("predictions must have at least 1 entry but has 0");
    }

    @Test
    void rejectsBadCharbonnierEpsilon() {
        assertThatThrownBy(() -> PixelLoss.charbonnier(0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon must be a finite number > 0 but was 0.0");
    }
}
