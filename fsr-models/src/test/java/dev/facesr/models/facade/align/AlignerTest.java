package dev.facesr.models.facade.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.AlignedFace;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.models.facade.Fixtures;
import dev.facesr.models.facade.image.RgbImages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlignerTest {

    @Test
    void templateHasTheFsrnetEyesAndIsOrdered() {
        Landmarks t = FaceTemplate.reference128();
        assertThat(t.x(0)).isCloseTo(46, within(0.5));
        assertThat(t.y(0)).isCloseTo(46, within(0.5));
        assertThat(t.x(1)).isCloseTo(83, within(0.5));
        assertThat(t.y(1)).isCloseTo(45, within(0.5));
        // nose between the eyes and below them, mouth corners below the nose, left of right
        assertThat(t.x(2)).isBetween(t.x(0), t.x(1));
        assertThat(t.y(2)).isGreaterThan(t.y(0) + 15);
        assertThat(t.y(3)).isGreaterThan(t.y(2) + 10);
        assertThat(t.x(3)).isLessThan(t.x(4));
        // scaling to 16 px keeps the pixel-edge grid: (46 + 0.5) / 8 - 0.5
        assertThat(FaceTemplate.forSize(16).x(0)).isCloseTo((t.x(0) + 0.5) / 8 - 0.5, within(1e-9));
    }

    @Test
    void similarityFitRecoversAKnownSimilarityAndIsLeastSquares() {
        Landmarks from = FaceTemplate.reference128();
        Affine2D known = new Affine2D(0.8, -0.3, 12, 0.3, 0.8, -7);
        Affine2D fit = SimilarityFit.fit(from, from.transform(known));
        double[] a = fit.toArray();
        double[] b = known.toArray();
        for (int i = 0; i < 6; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-9));
        }
        // with one point moved, the fit is no longer exact but moves less than the point did
        double[] moved = from.transform(known).toArray();
        moved[4] += 5;
        Affine2D noisy = SimilarityFit.fit(from, Landmarks.of(moved));
        double err = Math.abs(noisy.applyX(from.x(2), from.y(2)) - moved[4]);
        assertThat(err).isGreaterThan(0.5).isLessThan(5);
    }

    @ParameterizedTest(name = "eye distance {0}, roll {1}")
    @CsvSource({"30, 0", "60, 12", "120, -20", "9, 5"})
    void landmarksMapToTheTemplateAndBackWithinHalfAPixel(double eyeDistance, double roll) {
        Landmarks face = Fixtures.face(150, 120, eyeDistance, roll);
        FloatImage photo = Fixtures.photo(300, 260, List.of(face));
        int size = 32;
        AlignedFace aligned = new SimilarityAligner().align(RgbImages.toDjl(photo), face, size);
        assertThat(aligned.crop().getWidth()).isEqualTo(size);
        Landmarks inCrop = face.transform(aligned.photoToCrop());
        Landmarks template = FaceTemplate.forSize(size);
        Landmarks back = template.transform(aligned.cropToPhoto());
        for (int i = 0; i < 5; i++) {
            assertThat(inCrop.x(i)).isCloseTo(template.x(i), within(0.5));
            assertThat(inCrop.y(i)).isCloseTo(template.y(i), within(0.5));
            assertThat(back.x(i)).isCloseTo(face.x(i), within(0.5));
            assertThat(back.y(i)).isCloseTo(face.y(i), within(0.5));
        }
    }

    @Test
    void theWarpedCropShowsTheEyesAtTheTemplatePositions() {
        Landmarks face = Fixtures.face(200, 170, 90, 15);
        FloatImage photo = Fixtures.photo(400, 360, List.of(face));
        int size = 128;
        FloatImage crop = RgbImages.fromDjl(new SimilarityAligner().align(RgbImages.toDjl(photo), face, size).crop());
        Landmarks t = FaceTemplate.forSize(size);
        for (int eye = 0; eye < 2; eye++) {
            double[] c = darkCentroid(crop, t.x(eye), t.y(eye), 10);
            assertThat(c[0]).as("eye %d x", eye).isCloseTo(t.x(eye), within(0.5));
            assertThat(c[1]).as("eye %d y", eye).isCloseTo(t.y(eye), within(0.5));
        }
    }

    @Test
    void degenerateLandmarksAreRejected() {
        Landmarks collapsed = Landmarks.of(10, 10, 10.2, 10, 10, 12, 9, 14, 11, 14);
        assertThatThrownBy(() -> SimilarityAligner.transform(collapsed, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("px apart");
    }

    /** The centroid of dark pixels (red below 100) in a window. */
    private static double[] darkCentroid(FloatImage img, double cx, double cy, int r) {
        double sx = 0;
        double sy = 0;
        double sw = 0;
        for (int y = (int) cy - r; y <= (int) cy + r; y++) {
            for (int x = (int) cx - r; x <= (int) cx + r; x++) {
                double wgt = Math.max(0, 100 - img.get(0, y, x));
                sx += wgt * x;
                sy += wgt * y;
                sw += wgt;
            }
        }
        return new double[] {sx / sw, sy / sw};
    }
}
