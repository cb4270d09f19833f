package dev.facesr.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.facade.image.RgbImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HaarFaceDetector}: settings, empty photos, real faces (data-backed), roll sweep, threads, close. */
class HaarFaceDetectorTest {

    @TempDir Path tmp;

    @Test
    void builderRejectsBadSettingsWithTheOptionName() throws Exception {
        assertThatThrownBy(() -> HaarFaceDetector.builder().optMinFaceSize(7).build()).hasMessageContaining("optMinFaceSize");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optScaleFactor(1.0).build()).hasMessageContaining("optScaleFactor");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optMinNeighbors(-1).build()).hasMessageContaining("optMinNeighbors");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optMaxInputSide(10).build()).hasMessageContaining("optMaxInputSide");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optNmsIou(1).build()).hasMessageContaining("optNmsIou");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optRollAngles().build()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optRollAngles(0, 95).build()).hasMessageContaining("[-90, 90]");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optRollAngles(15, 15).build()).hasMessageContaining("twice");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optCascade(tmp.resolve("none.xml")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable file");
        Path notACascade = Files.writeString(tmp.resolve("bad.xml"), "<opencv_storage></opencv_storage>");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optCascade(notACascade).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not load a cascade");
    }

    @Test
    void workingScaleUpscalesForSmallFacesAndCapsTheLongerSide() {
        try (HaarFaceDetector d = HaarFaceDetector.newDefault();
                HaarFaceDetector small = HaarFaceDetector.builder().optMinFaceSize(10).build()) {
            assertThat(d.workingScale(640, 480)).isEqualTo(1.0);
            assertThat(d.workingScale(4096, 3072)).isEqualTo(0.5);
            assertThat(small.workingScale(640, 480)).isEqualTo(2.0);
            assertThat(small.workingScale(1600, 900)).isEqualTo(2048.0 / 1600);
        }
    }

    @Test
    void photosWithoutFacesGiveAnEmptyList() {
        BufferedImage flat = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        BufferedImage gradient = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                gradient.setRGB(x, y, (x * 255 / 200) << 16 | (y * 255 / 150) << 8 | 90);
            }
        }
        try (HaarFaceDetector d = HaarFaceDetector.builder().optRollAngles(-15, 0, 15).build()) {
            assertThat(d.detect(RgbImages.wrap(flat))).isEmpty();
            assertThat(d.detect(RgbImages.wrap(gradient))).isEmpty();
        }
    }

    @Test
    void closedDetectorRefusesCalls() {
        HaarFaceDetector d = HaarFaceDetector.newDefault();
        d.close();
        assertThatThrownBy(() -> d.detect(RgbImages.wrap(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void iouOfBoxes() {
        BoundingBox a = new BoundingBox(0, 0, 10, 10);
        assertThat(HaarFaceDetector.iou(a, a)).isEqualTo(1.0);
        assertThat(HaarFaceDetector.iou(a, new BoundingBox(5, 0, 10, 10))).isCloseTo(50.0 / 150, within(1e-12));
        assertThat(HaarFaceDetector.iou(a, new BoundingBox(10, 0, 10, 10))).isZero();
    }

    /** A real face on a larger grey canvas, moved and scaled, is found where it was put. */
    @Test
    void findsARealFaceWhereItWasPastedAtAnyWorkingScale() {
        TrainFaces faces = TrainFaces.openOrSkip();
        TrainFaces.Face face = faces.face(0);
        // paste the 256 crop at half size at (300, 100) on a 640x480 canvas
        BufferedImage canvas = paste(face.image(), 640, 480, 300, 100, 0.5, 0);
        Landmarks truth = face.points().toFivePoint();
        double cx = 300 + (truth.x(0) + truth.x(1)) / 2 * 0.5 + 0.25 - 0.0;
        double cy = 100 + (truth.y(0) + truth.y(4)) / 2 * 0.5;
        for (int maxSide : new int[] {2048, 320}) {
            try (HaarFaceDetector d = HaarFaceDetector.builder().optMaxInputSide(maxSide).build()) {
                List<DetectedFace> found = d.detect(RgbImages.wrap(canvas));
                assertThat(found).as("max side " + maxSide).isNotEmpty();
                DetectedFace best = found.get(0);
                assertThat(best.landmarks()).isNull();
                assertThat(best.score()).isGreaterThanOrEqualTo(3);
                assertThat(best.box().centerX()).as("max side " + maxSide).isCloseTo(cx, within(12.0));
                assertThat(best.box().centerY()).as("max side " + maxSide).isCloseTo(cy, within(15.0));
                assertThat(best.box().width()).isBetween(50.0, 130.0);
            }
        }
    }

    /** A face rolled clockwise by 25 degrees is found by a sweep that includes that angle, at the right place. */
    @Test
    void rollSweepFindsARolledFaceAndMapsItsBoxBack() {
        TrainFaces faces = TrainFaces.openOrSkip();
        TrainFaces.Face face = faces.face(0);
        BufferedImage canvas = paste(face.image(), 640, 480, 340, 200, 1.0, 25);
        // the face centre after the rotation about the pasted crop's centre
        Landmarks t = face.points().toFivePoint();
        double fx = (t.x(0) + t.x(1) + t.x(3) + t.x(4)) / 4 + 0.5 - 128;
        double fy = (t.y(0) + t.y(1) + t.y(3) + t.y(4)) / 4 + 0.5 - 128;
        double a = Math.toRadians(25);
        double cx = 340 + 128 + fx * Math.cos(a) - fy * Math.sin(a);
        double cy = 200 + 128 + fx * Math.sin(a) + fy * Math.cos(a);
        try (HaarFaceDetector sweep = HaarFaceDetector.builder().optRollAngles(0, 25).build()) {
            List<DetectedFace> found = sweep.detect(RgbImages.wrap(canvas));
            assertThat(found).isNotEmpty();
            DetectedFace near = found.stream()
                    .min((p, q) -> Double.compare(dist(p.box(), cx, cy), dist(q.box(), cx, cy))).orElseThrow();
            assertThat(dist(near.box(), cx, cy)).isLessThan(0.15 * near.box().width());
        }
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        TrainFaces faces = TrainFaces.openOrSkip();
        List<BufferedImage> photos = List.of(faces.face(1).image(), faces.face(2).image(), faces.face(3).image());
        try (HaarFaceDetector d = HaarFaceDetector.newDefault()) {
            List<List<DetectedFace>> sequential = new ArrayList<>();
            for (BufferedImage p : photos) {
                sequential.add(d.detect(RgbImages.wrap(p)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<DetectedFace>>> futures = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    BufferedImage p = photos.get(i % 3);
                    futures.add(pool.submit(() -> d.detect(RgbImages.wrap(p))));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i).get()).as("call " + i).isEqualTo(sequential.get(i % 3));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static double dist(BoundingBox b, double x, double y) {
        return Math.hypot(b.centerX() - x, b.centerY() - y);
    }

    /** Pastes {@code face} scaled by {@code s} and rotated by {@code deg} about its centre, top-left at (x, y). */
    static BufferedImage paste(BufferedImage face, int w, int h, double x, double y, double s, double deg) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new java.awt.Color(120, 120, 120));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.rotate(Math.toRadians(deg), face.getWidth() * s / 2, face.getHeight() * s / 2);
        t.scale(s, s);
        g.drawImage(face, t, null);
        g.dispose();
        return canvas;
    }
}
