package dev.facesr.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.facade.image.RgbImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** {@link BoxTemplateLandmarks}: placement arithmetic, checks, and the calibrated constants' shape. */
class BoxTemplateLandmarksTest {

    @Test
    void placesEachPointAtItsFractionOfTheBoxInPixelCentreCoordinates() {
        BoxTemplateLandmarks t = BoxTemplateLandmarks.of(0, 0, 1, 0, 0.5, 0.5, 0.25, 1, 0.75, 1);
        Landmarks l = t.estimate(RgbImages.wrap(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)),
                new BoundingBox(10, 20, 100, 50));
        assertThat(l.toArray()).containsExactly(9.5, 19.5, 109.5, 19.5, 59.5, 44.5, 34.5, 69.5, 84.5, 69.5);
        assertThat(t.pointCount()).isEqualTo(5);
    }

    @Test
    void haarTemplateIsAnUprightFaceLayout() {
        BoxTemplateLandmarks t = BoxTemplateLandmarks.forHaarAlt2();
        Landmarks l = t.place(new BoundingBox(0, 0, 100, 100));
        assertThat(l.x(0)).isLessThan(l.x(2));
        assertThat(l.x(2)).isLessThan(l.x(1));
        assertThat(l.y(0)).isCloseTo(l.y(1), within(2.0));
        assertThat(l.y(2)).isBetween(l.y(0), l.y(3));
        assertThat(l.x(3)).isLessThan(l.x(4));
        // a defensive copy
        t.offsets()[0] = 99;
        assertThat(t.offsets()[0]).isEqualTo(BoxTemplateLandmarks.HAAR_ALT2_OFFSETS[0]);
    }

    @Test
    void rejectsBadOffsets() {
        assertThatThrownBy(() -> BoxTemplateLandmarks.of(0.1, 0.2)).hasMessageContaining("10 values");
        assertThatThrownBy(() -> BoxTemplateLandmarks.of(0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN))
                .hasMessageContaining("finite");
    }
}
