package dev.facesr.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.facade.FaceResult;
import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.FaceStatus;
import dev.facesr.models.facade.Fixtures;
import dev.facesr.models.facade.UpscaleResult;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The FaceSR facade driven by {@link HaarFaceDetector} and {@link BoxTemplateLandmarks} on a real
 * train face pasted into a photo (data-backed, skips without the datasets): the face is restored
 * and the 5 points it was aligned with lie near the ground truth.
 */
class HaarPipelineDataTest {

    @Test
    void haarBoxesAndTemplatePointsDriveTheFacade() {
        TrainFaces faces = TrainFaces.openOrSkip();
        TrainFaces.Face face = faces.face(5);
        BufferedImage photo = HaarFaceDetectorTest.paste(face.image(), 640, 480, 200, 120, 0.5, 0);
        try (FaceSR sr = FaceSR.builder()
                .optDetector(HaarFaceDetector.newDefault())
                .optLandmarkEstimator(BoxTemplateLandmarks.forHaarAlt2())
                .optUpscaler(new Fixtures.BicubicUpscaler(16, 64))
                // the pasted face is larger than the 16 px framing: restore it anyway, to check alignment
                .optMaxFaceScale(1000)
                .build()) {
            UpscaleResult result = sr.upscale(photo);
            assertThat(result.faces()).isNotEmpty();
            FaceResult best = result.faces().get(0);
            assertThat(best.status()).isEqualTo(FaceStatus.OK);
            Landmarks truth = face.points().toFivePoint();
            Landmarks used = best.landmarks().orElseThrow();
            double io = Math.hypot(face.points().x(36) - face.points().x(45), face.points().y(36) - face.points().y(45))
                    * 0.5;
            double err = 0;
            for (int i = 0; i < 5; i++) {
                double tx = 200 + (truth.x(i) + 0.5) * 0.5 - 0.5;
                double ty = 120 + (truth.y(i) + 0.5) * 0.5 - 0.5;
                err += Math.hypot(used.x(i) - tx, used.y(i) - ty) / 5;
            }
            assertThat(err / io).as("mean point error / inter-ocular").isLessThan(0.25);
        }
    }
}
