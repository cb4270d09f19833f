package dev.facesr.metrics.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.metrics.SyntheticImages;
import org.junit.jupiter.api.Test;

class IdentityMetricsTest {
    @Test
    void cosineSimilarityOfKnownVectors() {
        assertThat(CosineSimilarity.of(new float[] {1, 0}, new float[] {0, 1})).isEqualTo(0.0);
        assertThat(CosineSimilarity.of(new float[] {1, 2, 3}, new float[] {2, 4, 6})).isCloseTo(1.0, within(1e-12));
        assertThat(CosineSimilarity.of(new float[] {1, 1}, new float[] {-1, 0})).isCloseTo(-Math.sqrt(0.5), within(1e-12));
        assertThatThrownBy(() -> CosineSimilarity.of(new float[] {0, 0}, new float[] {1, 0})).hasMessageContaining("zero");
        assertThatThrownBy(() -> CosineSimilarity.of(new float[] {1}, new float[] {1, 0})).hasMessageContaining("same");
    }

    @Test
    void identitySimilarityUsesTheEmbeddingFunctionOnBothBatches() {
        // embedding = per-channel mean colour (a stand-in for a recognition model)
        EmbeddingFunction meanColour = images -> images.mean(new int[] {3}).mean(new int[] {2});
        IdentitySimilarity metric = new IdentitySimilarity(meanColour);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 1, 0, 0, 0, 0, 0, 0, /* 2nd */ 1, 1, 1, 1, 0, 0, 0, 0}, new Shape(2, 2, 2, 2));
            NDArray b = m.create(new float[] {0, 0, 0, 0, 1, 1, 1, 1, /* 2nd */ 1, 1, 1, 1, 1, 1, 1, 1}, new Shape(2, 2, 2, 2));
            double[] s = metric.compute(a, b);
            assertThat(s).containsExactly(new double[] {0.0, Math.sqrt(0.5)}, within(1e-6));
            assertThat(metric.mean(a, b)).isCloseTo(Math.sqrt(0.5) / 2, within(1e-6));
            assertThatThrownBy(() -> metric.compute(a, b.get(0))).hasMessageContaining("same shape");
        }
    }

    @Test
    void separablePairsGiveFullAccuracy() {
        int n = 40;
        double[] s = new double[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            same[i] = i % 2 == 0;
            s[i] = same[i] ? 0.6 + i * 0.001 : 0.2 + i * 0.001;
        }
        VerificationResult r = VerificationProtocol.lfw().evaluate(s, same);
        assertThat(r.foldAccuracies()).hasSize(10).containsOnly(1.0);
        assertThat(r.meanAccuracy()).isEqualTo(1.0);
        assertThat(r.stdAccuracy()).isEqualTo(0.0);
        for (double t : r.thresholds()) {
            assertThat(t).isBetween(0.24, 0.6);
        }
    }

    @Test
    void thresholdIsTheBestOnTheTrainingFoldsAndFoldsAreContiguous() {
        SyntheticImages.Lcg rng = new SyntheticImages.Lcg(42);
        int n = 23; // 10 folds: three of 3 pairs, seven of 2
        double[] s = new double[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            same[i] = rng.next() % 2 == 0;
            s[i] = (rng.next() % 1000) / 1000.0 + (same[i] ? 0.3 : 0);
        }
        VerificationResult r = VerificationProtocol.lfw().evaluate(s, same);
        int start = 0;
        double meanCheck = 0;
        for (int f = 0; f < 10; f++) {
            int size = f < 3 ? 3 : 2;
            int end = start + size;
            // brute force: best training accuracy over every candidate threshold
            double bestTrain = -1;
            for (int c = 0; c <= n; c++) {
                double t = c == n ? 10 : s[c];
                bestTrain = Math.max(bestTrain, accuracy(s, same, start, end, t, true));
            }
            assertThat(accuracy(s, same, start, end, r.thresholds()[f], true)).isEqualTo(bestTrain);
            double heldOut = accuracy(s, same, start, end, r.thresholds()[f], false);
            assertThat(r.foldAccuracies()[f]).isEqualTo(heldOut);
            meanCheck += heldOut / 10;
            start = end;
        }
        assertThat(r.meanAccuracy()).isCloseTo(meanCheck, within(1e-12));
    }

    @Test
    void badInputGetsClearErrors() {
        assertThatThrownBy(() -> VerificationProtocol.lfw().evaluate(new double[5], new boolean[5]))
                .hasMessageContaining("at least one pair per fold");
        assertThatThrownBy(() -> VerificationProtocol.withFolds(2).evaluate(new double[4], new boolean[3]))
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> VerificationProtocol.withFolds(1)).hasMessageContaining("at least 2");
    }

    /** Accuracy on the training pairs (outside [from, to)) or the held-out ones. */
    private static double accuracy(double[] s, boolean[] same, int from, int to, double t, boolean train) {
        int correct = 0;
        int count = 0;
        for (int i = 0; i < s.length; i++) {
            boolean held = i >= from && i < to;
            if (held != train) {
                count++;
                correct += (s[i] >= t) == same[i] ? 1 : 0;
            }
        }
        return (double) correct / count;
    }
}
