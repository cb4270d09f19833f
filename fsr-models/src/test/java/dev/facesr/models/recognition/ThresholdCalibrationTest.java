package dev.facesr.models.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {

    @Test
    void picksAThresholdThatSeparatesTheSyntheticPairs() {
        try (FaceRecognizer r = FaceRecognizer.builder().setEmbedder(new ProjectionEmbedder(), "test-projection").build()) {
            List<LabelledPair> pairs = new ArrayList<>();
            for (int p = 0; p < 10; p++) { // interleaved: same, different
                pairs.add(new LabelledPair(FaceRecognizerTest.hr(p, 0), FaceRecognizerTest.hr(p, 1), true));
                pairs.add(new LabelledPair(FaceRecognizerTest.hr(p, 0), FaceRecognizerTest.hr(p + 1, 2), false));
            }
            CalibratedThreshold t = ThresholdCalibration.withFolds(5).calibrate(r, pairs, LowResolutionStrategy.BICUBIC);
            assertThat(t.pairs()).isEqualTo(20);
            assertThat(t.foldThresholds()).hasSize(5);
            assertThat(t.meanAccuracy()).isEqualTo(1.0);
            double maxDifferent = -1;
            double minSame = 1;
            for (LabelledPair p : pairs) {
                double s = r.similarity(p.first(), p.second(), LowResolutionStrategy.BICUBIC);
                if (p.samePerson()) {
                    minSame = Math.min(minSame, s);
                } else {
                    maxDifferent = Math.max(maxDifferent, s);
                }
            }
            assertThat(t.threshold()).isGreaterThan(maxDifferent).isLessThanOrEqualTo(minSame);
            r.setThreshold(t.threshold());
            for (LabelledPair p : pairs) {
                assertThat(r.verify(p.first(), p.second()).samePerson()).isEqualTo(p.samePerson());
            }
        }
    }

    @Test
    void thresholdIsTheMeanOfTheFoldThresholds() {
        double[] s = {0.9, 0.1, 0.8, 0.3, 0.7, 0.2, 0.95, 0.4};
        boolean[] same = {true, false, true, false, true, false, true, false};
        CalibratedThreshold t = ThresholdCalibration.withFolds(4).calibrate(s, same);
        double mean = 0;
        for (double v : t.foldThresholds()) {
            assertThat(v).isBetween(0.4, 0.7);
            mean += v / 4;
        }
        assertThat(t.threshold()).isEqualTo(mean);
        assertThat(ThresholdCalibration.lfw().folds()).isEqualTo(10);
    }

    @Test
    void rejectsOneSidedOrTooFewPairs() {
        assertThatThrownBy(() -> ThresholdCalibration.withFolds(2).calibrate(new double[] {0.1, 0.2}, new boolean[] {true, true}))
                .hasMessageContaining("both same-person and different-person");
        assertThatThrownBy(() -> ThresholdCalibration.lfw().calibrate(new double[] {0.1, 0.2}, new boolean[] {true, false}))
                .hasMessageContaining("at least one pair per fold");
        assertThatThrownBy(() -> ThresholdCalibration.withFolds(1)).hasMessageContaining("at least 2 folds");
    }
}
