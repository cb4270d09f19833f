package dev.facesr.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void bilinearMatchesPytorchAlignCornersFalse() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            NDArray y = Resize.resize(x, 4, 4, ResizeMode.BILINEAR);
            // torch.nn.functional.interpolate(x, size=4, mode="bilinear", align_corners=False)
            float[] expected = {
                0f, .25f, .75f, 1f,
                .5f, .75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2f, 2.25f, 2.75f, 3f
            };
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
            assertThat(y.toFloatArray()).containsExactly(expected, within(1e-6f));
        }
    }

    @Test
    void nearestRepeatsPixelsAndHandlesNonIntegerRatios() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray y = Resize.resize(x, 4, 4, ResizeMode.NEAREST);
            assertThat(y.toFloatArray())
                    .containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
            // 3 -> 2 nearest picks source indices floor(i * 1.5) = 0, 1
            NDArray z = m.arange(9f).reshape(1, 1, 3, 3);
            assertThat(Resize.resize(z, 2, 2, ResizeMode.NEAREST).toFloatArray())
                    .containsExactly(0, 1, 3, 4);
        }
    }

    @Test
    void rejectsNonNchwInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Resize.resize(m.zeros(new Shape(3, 4, 4)), 8, 8,
                            ResizeMode.NEAREST))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NCHW");
        }
    }
}
