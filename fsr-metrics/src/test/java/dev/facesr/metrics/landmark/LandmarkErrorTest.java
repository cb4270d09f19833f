package dev.facesr.metrics.landmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LandmarkErrorTest {
    /** A 68-point set with the outer eye corners 100 px apart (36 at (50,60), 45 at (150,60)). */
    private static float[][] face68() {
        float[][] p = new float[68][2];
        for (int i = 0; i < 68; i++) {
            p[i][0] = 40 + i;
            p[i][1] = 90 + (i % 7);
        }
        p[36] = new float[] {50, 60};
        p[45] = new float[] {150, 60};
        return p;
    }

    private static float[][] shifted(float[][] p, float dx, float dy) {
        float[][] q = new float[p.length][2];
        for (int i = 0; i < p.length; i++) {
            q[i][0] = p[i][0] + dx;
            q[i][1] = p[i][1] + dy;
        }
        return q;
    }

    @Test
    void normalisesByOuterEyeCornersFor68Points() {
        float[][] gt = face68();
        LandmarkError nme = LandmarkError.builder().build();
        assertThat(LandmarkError.interOcular(gt)).isEqualTo(100.0);
        assertThat(nme.perImage(shifted(gt, 3, 4), gt)).isCloseTo(0.05, within(1e-9));
        // the predicted eye corners must not be used for the length
        float[][] pred = shifted(gt, 3, 4);
        pred[45] = new float[] {250, 60};
        assertThat(nme.perImage(pred, gt)).isCloseTo((67 * 5 + 100.0) / 68 / 100, within(1e-9));
        assertThat(LandmarkError.builder().optNormalizingLength(50).build().perImage(shifted(gt, 3, 4), gt))
                .isCloseTo(0.1, within(1e-9));
        assertThat(nme.perImage(shifted(gt, 3, 4), gt, 10)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void normalisesByEyeCentresFor5Points() {
        float[][] gt = {{30, 40}, {70, 40}, {50, 60}, {35, 80}, {65, 80}};
        assertThat(LandmarkError.interOcular(gt)).isEqualTo(40.0);
        assertThat(LandmarkError.builder().build().perImage(shifted(gt, 0, 2), gt)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void summaryFractionAndAreaAreExact() {
        LandmarkErrorSummary s = new LandmarkErrorSummary(new double[] {0, 0.04, 0.08, 0.2}, 0.08);
        assertThat(s.mean()).isCloseTo(0.08, within(1e-12));
        assertThat(s.fractionBelow()).isEqualTo(0.5);
        assertThat(s.auc()).isCloseTo((0.08 + 0.04) / 0.08 / 4, within(1e-12));
        // the same area by integrating the cumulative error curve numerically
        double[] e = {0.013, 0.021, 0.05, 0.079, 0.3, 0.0};
        LandmarkErrorSummary t = new LandmarkErrorSummary(e, 0.08);
        int steps = 200_000;
        double area = 0;
        for (int k = 0; k < steps; k++) {
            double x = (k + 0.5) * 0.08 / steps;
            int below = 0;
            for (double v : e) {
                below += v <= x ? 1 : 0;
            }
            area += (double) below / e.length * 0.08 / steps;
        }
        assertThat(t.auc()).isCloseTo(area / 0.08, within(1e-4));
        assertThat(new LandmarkErrorSummary(new double[] {0, 0}, 0.08).auc()).isEqualTo(1.0);
    }

    @Test
    void batchesOfNdarraysGiveThePerImageValues() {
        float[][] gt = face68();
        float[] g = new float[2 * 68 * 2];
        float[] p = new float[g.length];
        float[][] shifts = {{3, 4}, {6, 8}};
        for (int n = 0; n < 2; n++) {
            float[][] pr = shifted(gt, shifts[n][0], shifts[n][1]);
            for (int i = 0; i < 68; i++) {
                g[(n * 68 + i) * 2] = gt[i][0];
                g[(n * 68 + i) * 2 + 1] = gt[i][1];
                p[(n * 68 + i) * 2] = pr[i][0];
                p[(n * 68 + i) * 2 + 1] = pr[i][1];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            LandmarkErrorSummary s = LandmarkError.builder().optThreshold(0.08).build()
                    .compute(m.create(p, new Shape(2, 68, 2)), m.create(g, new Shape(2, 68, 2)));
            assertThat(s.perImage()).containsExactly(new double[] {0.05, 0.10}, within(1e-6));
            assertThat(s.mean()).isCloseTo(0.075, within(1e-6));
            assertThat(s.fractionBelow()).isEqualTo(0.5);
            assertThat(s.auc()).isCloseTo(0.03 / 0.08 / 2, within(1e-6));
            assertThatThrownBy(() -> LandmarkError.builder().build()
                    .compute(m.create(p, new Shape(2, 68, 2)), m.create(g, new Shape(2, 136))))
                    .hasMessageContaining("(N, P, 2)");
        }
    }

    @Test
    void badInputGetsClearErrors() {
        float[][] seven = new float[7][2];
        assertThatThrownBy(() -> LandmarkError.builder().build().perImage(seven, seven))
                .hasMessageContaining("68- and 5-point").hasMessageContaining("normalising length");
        float[][] same = new float[5][2];
        assertThatThrownBy(() -> LandmarkError.builder().build().perImage(same, same)).hasMessageContaining("coincide");
        assertThatThrownBy(() -> LandmarkError.builder().optThreshold(0).build()).hasMessageContaining("positive");
        assertThatThrownBy(() -> LandmarkError.builder().build().perImage(face68(), new float[5][2]))
                .hasMessageContaining("same non-zero size");
    }
}
