package dev.facesr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EpochsTest {

    @Test
    void epochsBecomeBatchesPerPassTimesEpochs() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(Epochs.toSteps(TinyNets.pairs(m, 12, 4, 1, true), 3)).isEqualTo(9);
            assertThat(Epochs.toSteps(TinyNets.pairs(m, 8, 8, 1, false), 2)).isEqualTo(2);
            assertThat(Epochs.toSteps(TinyNets.pairs(m, 10, 4, 1, false), 1)).isEqualTo(3);
            assertThatThrownBy(() -> Epochs.toSteps(TinyNets.pairs(m, 8, 8, 1, false), 0))
                    .hasMessageContaining("epochs must be >= 1");
        }
    }
}
