package dev.facesr.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.loss.testing.LossContract;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SymmetryAndTotalVariationLossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static void verifySymmetry(Supplier<SymmetryLoss.Builder> builder) {
        LossContract.of((w, r) -> builder.get().optWeight(w).optReduction(r).build())
                .inputs(
                        m -> new NDList(),
                        m -> new NDList(TestArrays.uniform(m, 1, 0, 1, 3, 3, 6, 6)))
                .zeroWhen(m -> new NDList(), m -> new NDList(TestArrays.symmetric(m, 2, 3, 3, 6, 6)))
                .verify();
    }

    @Test
    void pixelSymmetryKeepsTheContract() {
        verifySymmetry(SymmetryLoss::pixel);
    }

    @Test
    void laplacianSymmetryKeepsTheContract() {
        verifySymmetry(SymmetryLoss::laplacian);
    }

    @Test
    void pixelSymmetryOfAKnownImage() {
        // one 1x1x2x2 image [[0, 1], [1, 1]]: mirror [[1, 0], [1, 1]], |diff| = [[1, 1], [0, 0]]
        NDArray image = manager.create(new float[] {0, 1, 1, 1}, new Shape(1, 1, 2, 2));
        float loss = SymmetryLoss.pixel().build().evaluate(new NDList(), new NDList(image))
                .getFloat();
        assertThat(loss).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void laplacianUsesTheFixedKernelPerChannel() {
        // 3x4 images, interior 1x2: channel 0 has a bright pixel at (1, 1), channel 1 at (0, 2)
        float[] pixels = new float[24];
        pixels[5] = 1f; // channel 0, y 1, x 1: -4 at interior (0, 0), 1 at interior (0, 1)
        pixels[12 + 2] = 2f; // channel 1, y 0, x 2: above interior (0, 1), a diagonal of (0, 0)
        NDArray image = manager.create(pixels, new Shape(1, 2, 3, 4));
        NDArray laplacian = SymmetryLoss.laplacian(image);
        assertThat(laplacian.getShape()).isEqualTo(new Shape(1, 2, 1, 2));
        assertThat(laplacian.toFloatArray()).containsExactly(-4, 1, 0, 2);
    }

    @Test
    void laplacianSymmetryIgnoresAHorizontalBrightnessRampThatPixelSymmetryPenalises() {
        // brightness rising left to right: strongly asymmetric in pixels, but the Laplacian of a
        // linear ramp is zero away from the borders
        float[] pixels = new float[36];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                pixels[y * 6 + x] = x / 5f;
            }
        }
        NDArray image = manager.create(pixels, new Shape(1, 1, 6, 6));
        float pixel = SymmetryLoss.pixel().build().evaluate(new NDList(), new NDList(image))
                .getFloat();
        float laplacian = SymmetryLoss.laplacian().build()
                .evaluate(new NDList(), new NDList(image)).getFloat();
        assertThat(pixel).isCloseTo(0.6f, within(1e-5f));
        assertThat(laplacian).isCloseTo(0f, within(1e-5f));
    }

    @Test
    void symmetryRejectsNonImages() {
        assertThatThrownBy(
                        () -> SymmetryLoss.pixel().build()
                                .evaluate(new NDList(), new NDList(manager.ones(new Shape(2, 3)))))
                .hasMessageContaining("symmetry_pixel: predictions[0] must have 4 dimensions"
                        + " (NCHW) but has shape (2, 3)");
    }

    @Test
    void totalVariationKeepsTheContract() {
        for (Penalty penalty : new Penalty[] {Penalty.L1, Penalty.L2}) {
            LossContract.of(
                            (w, r) ->
                                    TotalVariationLoss.builder()
                                            .optPenalty(penalty)
                                            .optWeight(w)
                                            .optReduction(r)
                                            .build())
                    .inputs(
                            m -> new NDList(),
                            m -> new NDList(TestArrays.uniform(m, 3, 0, 1, 3, 3, 6, 6)))
                    .zeroWhen(m -> new NDList(), m -> new NDList(m.full(new Shape(2, 3, 4, 4), 0.3f)))
                    .verify();
        }
    }

    @Test
    void totalVariationOfAKnownImage() {
        // [[0, 1], [2, 3]]: vertical diffs 2, 2 (mean 2); horizontal diffs 1, 1 (mean 1)
        NDArray image = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
        assertThat(TotalVariationLoss.builder().build().evaluate(new NDList(), new NDList(image))
                        .getFloat())
                .isCloseTo(3f, within(1e-6f));
        assertThatThrownBy(
                        () -> TotalVariationLoss.builder().build()
                                .evaluate(new NDList(), new NDList(manager.ones(new Shape(1, 1, 1, 4)))))
                .hasMessageContaining("at least 2x2 pixels but has shape (1, 1, 1, 4)");
    }
}
