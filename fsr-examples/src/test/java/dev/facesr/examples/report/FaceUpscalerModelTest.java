package dev.facesr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.metrics.SyntheticImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FaceUpscalerModel}: the bridge from pipeline upscalers (the model zoo) to the report. */
class FaceUpscalerModelTest {

    /** A 16 -> 128 upscaler that is bicubic underneath and records whether it was closed. */
    private static final class BicubicX8 implements FaceUpscaler {
        boolean closed;

        @Override
        public String name() {
            return "fake-x8";
        }

        @Override
        public int inputSize() {
            return 16;
        }

        @Override
        public int outputSize() {
            return 128;
        }

        @Override
        public List<Image> upscale(List<Image> crops) {
            return new BicubicModel().upscale(crops, 8);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void derivesTheScaleAndForwardsCalls() {
        BicubicX8 up = new BicubicX8();
        try (FaceUpscalerModel m = new FaceUpscalerModel(up, "test", true)) {
            assertThat(m.name()).isEqualTo("fake-x8");
            assertThat(m.scales()).containsExactly(8.0);
            assertThat(m.supports(4)).isFalse();
            List<Image> lr = ReportImages.toDjl(List.of(
                    ReportImages.shrink(SyntheticImages.reference(128, 128, 3), 8)));
            List<Image> out = m.upscale(lr, 8);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).getWidth()).isEqualTo(128);
            assertThatThrownBy(() -> m.upscale(lr, 4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fake-x8 handles scale [8.0] only");
        }
        assertThat(up.closed).isTrue();
    }

    @Test
    void notOwnedUpscalerStaysOpen() {
        BicubicX8 up = new BicubicX8();
        new FaceUpscalerModel(up, "test", false).close();
        assertThat(up.closed).isFalse();
    }
}
