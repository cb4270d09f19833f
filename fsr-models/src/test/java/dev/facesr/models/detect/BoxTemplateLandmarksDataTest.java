package dev.facesr.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Data-backed calibration of {@link BoxTemplateLandmarks#HAAR_ALT2_OFFSETS} on {@code
 * landmarks68/images/train} (skips without {@code ../shared/datasets}). The tagged test is the
 * calibration program: it prints the constants committed in the class and their error.
 */
class BoxTemplateLandmarksDataTest {

    @Test
    void committedOffsetsFitASampleOfTrainFaces() throws Exception {
        TrainFaces data = TrainFaces.openOrSkip();
        try (HaarFaceDetector detector = HaarFaceDetector.newDefault()) {
            BoxTemplateCalibration.Matched m = BoxTemplateCalibration.match(data, detector, 40, 37);
            assertThat(m.samples().size()).as("faces matched to a box").isGreaterThan(m.faces() * 7 / 10);
            double[] fitted = BoxTemplateCalibration.fit(m.samples());
            for (int i = 0; i < fitted.length; i++) {
                assertThat(fitted[i]).as("offset " + i).isCloseTo(BoxTemplateLandmarks.HAAR_ALT2_OFFSETS[i],
                        org.assertj.core.api.Assertions.within(0.03));
            }
            double nme = BoxTemplateCalibration.meanNormalisedError(BoxTemplateLandmarks.forHaarAlt2(), m.samples());
            System.out.printf(Locale.ROOT, "box template on %d/%d sampled train faces: NME %.4f%n",
                    m.samples().size(), m.faces(), nme);
            assertThat(nme).isLessThan(0.12);
            // a template shifted by a tenth of the box must be clearly worse
            double[] shifted = BoxTemplateLandmarks.HAAR_ALT2_OFFSETS.clone();
            for (int i = 0; i < shifted.length; i += 2) {
                shifted[i] += 0.1;
            }
            assertThat(BoxTemplateCalibration.meanNormalisedError(BoxTemplateLandmarks.of(shifted), m.samples()))
                    .isGreaterThan(nme + 0.05);
        }
    }

    /** The calibration program: fits on all train faces and prints the constants and errors. */
    @Test
    @Tag("slow")
    void calibrateOnAllTrainFaces() throws Exception {
        TrainFaces data = TrainFaces.openOrSkip();
        long t0 = System.nanoTime();
        try (HaarFaceDetector detector = HaarFaceDetector.newDefault()) {
            BoxTemplateCalibration.Matched m = BoxTemplateCalibration.match(data, detector, Integer.MAX_VALUE, 1);
            List<BoxTemplateCalibration.Sample> all = m.samples();
            double[] uv = BoxTemplateCalibration.fit(all);
            StringBuilder sb = new StringBuilder();
            for (double d : uv) {
                sb.append(String.format(Locale.ROOT, "%.4f, ", d));
            }
            System.out.println("faces " + m.faces() + ", matched " + all.size());
            System.out.println("HAAR_ALT2_OFFSETS = {" + sb + "}");
            double inSample = BoxTemplateCalibration.meanNormalisedError(BoxTemplateLandmarks.of(uv), all);
            // two-fold check: fit on one half, measure on the other
            List<BoxTemplateCalibration.Sample> even = BoxTemplateCalibration.every(all, 2, 0);
            List<BoxTemplateCalibration.Sample> odd = BoxTemplateCalibration.every(all, 2, 1);
            double cross = (BoxTemplateCalibration.meanNormalisedError(
                            BoxTemplateLandmarks.of(BoxTemplateCalibration.fit(even)), odd)
                    + BoxTemplateCalibration.meanNormalisedError(
                            BoxTemplateLandmarks.of(BoxTemplateCalibration.fit(odd)), even)) / 2;
            double committed = BoxTemplateCalibration.meanNormalisedError(BoxTemplateLandmarks.forHaarAlt2(), all);
            System.out.printf(Locale.ROOT, "NME (inter-ocular, outer corners): in-sample %.4f, two-fold %.4f,"
                    + " committed constants %.4f; %.1f s%n", inSample, cross, committed, (System.nanoTime() - t0) / 1e9);
            assertThat(Arrays.stream(uv).allMatch(d -> d > 0 && d < 1)).isTrue();
        }
    }
}
