package dev.facesr.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.util.RandomUtils;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityBatchSamplerTest {

    private static final int[] IDS = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6};

    private static List<List<Long>> pass(IdentityBatchSampler sampler, ArrayDataset dataset) {
        List<List<Long>> batches = new ArrayList<>();
        Iterator<List<Long>> it = sampler.sample(dataset);
        it.forEachRemaining(batches::add);
        return batches;
    }

    @Test
    void batchesHoldPIdentitiesWithKImagesEachAndAPassVisitsEveryIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset dataset = new ArrayDataset.Builder()
                    .setData(m.zeros(new Shape(IDS.length, 1))).setSampling(1, false).build();
            IdentityBatchSampler sampler = new IdentityBatchSampler(IDS, 3, 2);
            assertThat(sampler.getBatchSize()).isEqualTo(6);
            RandomUtils.RANDOM.setSeed(11);
            List<List<Long>> batches = pass(sampler, dataset);
            assertThat(batches).hasSize(3); // 7 identities in groups of 3
            Set<Integer> seenIds = new HashSet<>();
            Set<Long> seenRecords = new HashSet<>();
            for (List<Long> batch : batches) {
                assertThat(batch.size()).isEven();
                for (int i = 0; i < batch.size(); i += 2) {
                    // K = 2 consecutive records of one identity
                    int id = IDS[batch.get(i).intValue()];
                    assertThat(IDS[batch.get(i + 1).intValue()]).isEqualTo(id);
                    assertThat(seenIds.add(id)).isTrue();
                }
                assertThat(seenRecords.addAll(batch)).isTrue();
            }
            assertThat(seenIds).hasSize(7);
            assertThat(seenRecords).hasSize(14); // identity 6 gives 2 of its 3 images
            // the same engine seed gives the same pass; another pass is shuffled differently
            RandomUtils.RANDOM.setSeed(11);
            assertThat(pass(sampler, dataset)).isEqualTo(batches);
            RandomUtils.RANDOM.setSeed(12);
            assertThat(pass(sampler, dataset)).isNotEqualTo(batches);
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new IdentityBatchSampler(IDS, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new IdentityBatchSampler(IDS, 8, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 identities");
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset other = new ArrayDataset.Builder()
                    .setData(m.zeros(new Shape(3, 1))).setSampling(1, false).build();
            assertThatThrownBy(() -> new IdentityBatchSampler(IDS, 2, 2).sample(other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15 records");
        }
    }
}
