package dev.facesr.examples.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationPairsTest {

    /** 30 identities with 1 to 5 images each. */
    private static int[] identities() {
        int[] ids = new int[90];
        int k = 0;
        for (int c = 0; k < ids.length; c++) {
            for (int j = 0; j <= c % 5 && k < ids.length; j++) {
                ids[k++] = c;
            }
        }
        return ids;
    }

    @Test
    void pairsAreDeterministicDistinctLabelledAndInLfwFoldOrder() {
        int[] ids = identities();
        List<VerificationPairs.Pair> pairs = VerificationPairs.draw(ids, 40, 60, 10, 5);
        assertThat(pairs).hasSize(100);
        assertThat(VerificationPairs.draw(ids, 40, 60, 10, 5)).isEqualTo(pairs);
        assertThat(VerificationPairs.draw(ids, 40, 60, 10, 6)).isNotEqualTo(pairs);
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            VerificationPairs.Pair p = pairs.get(i);
            assertThat(p.first()).isLessThan(p.second());
            assertThat(keys.add((long) p.first() * ids.length + p.second())).isTrue();
            assertThat(ids[p.first()] == ids[p.second()]).isEqualTo(p.same());
            // each fold of 10: 4 positives then 6 negatives
            assertThat(p.same()).as("pair %d", i).isEqualTo(i % 10 < 4);
        }
    }

    @Test
    void impossibleRequestsAreRejected() {
        int[] ids = {0, 0, 1, 2};
        assertThatThrownBy(() -> VerificationPairs.draw(ids, 10, 10, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow 1 same");
        assertThatThrownBy(() -> VerificationPairs.draw(ids, 15, 10, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiples");
    }

    @Test
    void rankOneCountsProbesWhoseNearestGalleryFaceIsTheirIdentity() {
        int[] ids = {0, 0, 1, 1, 2};
        float[][] gallery = {{1, 0}, {9, 9}, {0, 1}, {9, 9}, {-1, 0}};
        // probes: image 1 (id 0) near id 0 -> right; image 3 (id 1) near id 2 -> wrong
        float[][] probes = {{9, 9}, {2, 0.1f}, {9, 9}, {-1, 0.2f}, {9, 9}};
        assertThat(EvaluateIdentity.rank1(gallery, probes, ids)).isCloseTo(0.5, within(1e-12));
        assertThat(EvaluateIdentity.cosine(new float[] {1, 0}, new float[] {0, 0})).isZero();
        assertThat(EvaluateIdentity.rank1(gallery, probes, new int[] {0, 1, 2, 3, 4})).isNaN();
    }
}
