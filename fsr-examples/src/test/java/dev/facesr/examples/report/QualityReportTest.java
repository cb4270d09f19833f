package dev.facesr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.modality.cv.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QualityReport} sections that the command cannot reach today: landmarks and generic scale support. */
class QualityReportTest {
    @TempDir Path tmp;

    /** Returns the Helen-50 truth shifted 1 px right, in call order (2 faces per input kind). */
    private static final class ShiftedTruth implements LandmarkEstimator {
        int calls;

        @Override
        public float[][][] estimate(List<Image> faces) {
            float[][][] out = new float[faces.size()][][];
            for (int i = 0; i < faces.size(); i++) {
                float[][] pts = FakeDatasets.landmarks((calls++) % FakeDatasets.HELEN.length);
                for (float[] p : pts) {
                    p[0] += 1;
                }
                out[i] = pts;
            }
            return out;
        }

        @Override
        public String name() {
            return "shifted-truth";
        }
    }

    /** A fixed 4x model that is the bicubic baseline underneath. */
    private static final class FixedX4 implements ReportModel {
        final BicubicModel inner = new BicubicModel();

        @Override
        public String name() {
            return "x4-only";
        }

        @Override
        public Set<Double> scales() {
            return Set.of(4.0);
        }

        @Override
        public String description() {
            return "test model";
        }

        @Override
        public List<Image> upscale(List<Image> lr, double scale) {
            assertThat(scale).isEqualTo(4.0);
            assertThat(lr.get(0).getWidth()).isEqualTo(32);
            return inner.upscale(lr, scale);
        }
    }

    @Test
    void landmarkErrorIsMeasuredOnTruthBicubicAndModelsAndScalesAreRespected() throws IOException {
        Path data = FakeDatasets.write(tmp.resolve("datasets"));
        ShiftedTruth estimator = new ShiftedTruth();
        QualityResults r = QualityReport.builder().setDatasets(data).addModel(new BicubicModel())
                .addModel(new FixedX4()).optLandmarkEstimator(estimator).optQuick(true).optGridFaces(1)
                .optSpeed(new SpeedBenchmark(0, 1), new SpeedBenchmark(0, 1)).build().run();

        assertThat(r.landmarks().measured()).isTrue();
        // x4-only does not handle 8x, so landmarks run on the ground truth and bicubic only.
        assertThat(r.landmarks().rows()).extracting(QualityResults.LandmarkRow::input)
                .containsExactly("ground truth", "bicubic");
        double expected = (1.0 / 50 + 1.0 / 60) / 2; // 1 px over outer-eye-corner distances 50 and 60
        for (QualityResults.LandmarkRow row : r.landmarks().rows()) {
            assertThat(row.meanNme()).isCloseTo(expected, within(1e-6));
        }
        assertThat(estimator.calls).isEqualTo(4);

        assertThat(r.scores()).filteredOn(s -> s.model().equals("x4-only"))
                .extracting(s -> s.set() + "@" + s.scale()).containsExactly("celeba-val@4.0");
        // At 4x the fixed model is the bicubic baseline, so the numbers agree.
        QualityResults.Score bic = r.scores().stream()
                .filter(s -> s.model().equals("bicubic") && s.set().equals("celeba-val") && s.scale() == 4).findFirst()
                .orElseThrow();
        QualityResults.Score x4 = r.scores().stream().filter(s -> s.model().equals("x4-only")).findFirst().orElseThrow();
        assertThat(x4.psnr()).containsExactly(bic.psnr());
        assertThat(r.speeds()).extracting(s -> s.model() + "@" + s.scale() + "/" + s.batch())
                .containsExactly("bicubic@8.0/1", "bicubic@8.0/32", "x4-only@4.0/1", "x4-only@4.0/32");
        assertThat(ReportWriter.markdown(r)).contains("`shifted-truth`", "| ground truth | " + ReportWriter.fmt(expected, 4));
    }
}
