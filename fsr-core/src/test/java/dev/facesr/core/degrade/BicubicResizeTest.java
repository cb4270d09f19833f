package dev.facesr.core.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BicubicResizeTest {

    private static FloatImage ramp(int c, int h, int w) {
        FloatImage im = new FloatImage(c, h, w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    im.set(ch, y, x, (float) (0.5 + 0.4 * Math.sin(0.3 * x + 0.2 * y + ch)));
                }
            }
        }
        return im;
    }

    @Test
    void shrinkByEightMatchesMatlabResizeOnUint8Levels() {
        FloatImage hr = ramp(3, 128, 128);
        FloatImage lr = BicubicResize.shrinkBy(8).apply(hr, new Random(1));
        assertThat(lr.height()).isEqualTo(16);
        assertThat(lr.width()).isEqualTo(16);
        dev.facesr.metrics.image.FloatImage expected = MatlabResize.resizeAsUint8(
                new dev.facesr.metrics.image.FloatImage(hr.data(), 3, 128, 128, ValueRange.UNIT), 1.0 / 8);
        assertThat(lr.data()).containsExactly(expected.data());
        // 8-bit levels: every value times 255 is a whole number
        for (float v : lr.data()) {
            assertThat((double) v * 255).isCloseTo(Math.rint(v * 255.0), within(1e-3));
        }
    }

    @Test
    void withoutQuantizationKeepsFloatPrecision() {
        FloatImage hr = ramp(1, 64, 64);
        FloatImage lr = BicubicResize.shrinkBy(4).withoutQuantization().apply(hr, new Random(1));
        boolean offLevel = false;
        for (float v : lr.data()) {
            offLevel |= Math.abs(v * 255.0 - Math.rint(v * 255.0)) > 1e-2;
        }
        assertThat(offLevel).as("some value lies between 8-bit levels").isTrue();
    }

    @Test
    void nonIntegerFactorAndRoundTripShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = m.randomUniform(0, 1, new Shape(2, 3, 128, 128));
            Degradation lr64 = BicubicResize.shrinkBy(6.4);
            assertThat(lr64.outputShape(batch.getShape())).isEqualTo(new Shape(2, 3, 20, 20));
            Degradation roundTrip = Degradations.sequence(BicubicResize.shrinkBy(8), BicubicResize.toSize(128, 128));
            NDArray back = roundTrip.apply(batch, new Random(3));
            assertThat(back.getShape()).isEqualTo(new Shape(2, 3, 128, 128));
            assertThat(back.sub(batch).abs().mean().getFloat()).isGreaterThan(0.01f);
        }
    }

    @Test
    void constantImageStaysConstant() {
        FloatImage flat = new FloatImage(3, 40, 40);
        java.util.Arrays.fill(flat.data(), 100f / 255f);
        FloatImage out = BicubicResize.shrinkBy(4).apply(flat, new Random(0));
        for (float v : out.data()) {
            assertThat(v).isCloseTo(100f / 255f, within(1e-6f));
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> BicubicResize.shrinkBy(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> BicubicResize.toSize(0, 5)).hasMessageContaining("at least 1x1");
    }
}
