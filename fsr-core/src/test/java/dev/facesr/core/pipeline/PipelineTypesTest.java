package dev.facesr.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PipelineTypesTest {

    @Test
    void affineInverseAndCompositionRoundTrip() {
        Affine2D m = new Affine2D(0.8, -0.3, 12, 0.3, 0.8, -7);
        Affine2D back = m.then(m.inverse());
        assertThat(back.applyX(13.5, -4)).isCloseTo(13.5, within(1e-9));
        assertThat(back.applyY(13.5, -4)).isCloseTo(-4, within(1e-9));
        Affine2D shift = new Affine2D(1, 0, 5, 0, 1, 0);
        // then() applies this first: scale by 2 about the pixel grid, then shift
        Affine2D both = Affine2D.resampling(2).then(shift);
        assertThat(both.applyX(0, 0)).isCloseTo(0.5 + 5, within(1e-12));
        assertThat(m.scale()).isCloseTo(Math.hypot(0.8, 0.3), within(1e-12));
        assertThatThrownBy(() -> new Affine2D(1, 1, 0, 1, 1, 0).inverse()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("singular");
        assertThatThrownBy(() -> Affine2D.resampling(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resamplingMapsPixelEdgesToPixelEdges() {
        // the left edge of pixel 0 (-0.5) and the right edge of pixel 15 (15.5) of a 16 px image
        // land on the edges of the 128 px image
        Affine2D up = Affine2D.resampling(8);
        assertThat(up.applyX(-0.5, 0)).isCloseTo(-0.5, within(1e-12));
        assertThat(up.applyX(15.5, 0)).isCloseTo(127.5, within(1e-12));
    }

    @Test
    void sixtyEightPointsReduceToFive() {
        double[] xy = new double[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = i;
            xy[2 * i + 1] = 100 + i;
        }
        Landmarks five = Landmarks.of(xy).toFivePoint();
        assertThat(five.size()).isEqualTo(5);
        assertThat(five.x(0)).isCloseTo(38.5, within(1e-12));
        assertThat(five.x(1)).isCloseTo(44.5, within(1e-12));
        assertThat(five.x(2)).isEqualTo(30);
        assertThat(five.y(3)).isEqualTo(148);
        assertThat(five.x(4)).isEqualTo(54);
        assertThatThrownBy(() -> Landmarks.of(1, 2, 3, 4).toFivePoint()).hasMessageContaining("5- and 68-point");
    }

    @Test
    void valueTypesRejectBadValues() {
        assertThatThrownBy(() -> Landmarks.of(1, 2, 3)).hasMessageContaining("even");
        assertThatThrownBy(() -> Landmarks.of(1, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new BoundingBox(0, 0, 0, 5)).hasMessageContaining("positive");
        BoundingBox box = new BoundingBox(1, 2, 10, 20);
        assertThat(box.centerX()).isEqualTo(6);
        assertThatThrownBy(() -> new DetectedFace(box, 0.9, Landmarks.of(1, 2, 3, 4)))
                .hasMessageContaining("5 landmarks");
        assertThat(new DetectedFace(box, 0.9, null).fivePoints()).isEmpty();
        double[] copy = Landmarks.of(1, 2).toArray();
        copy[0] = 99;
        assertThat(Landmarks.of(1, 2).x(0)).isEqualTo(1);
    }
}
