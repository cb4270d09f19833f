package dev.facesr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import dev.facesr.metrics.SyntheticImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainedGeneratorUpscaler}: sizes per mode, scale checks, crop checks, concurrent calls. */
class TrainedGeneratorUpscalerTest {
    @TempDir Path tmp;

    @Test
    void upscaleGeneratorHasItsOwnScaleAndRejectsAnother() throws Exception {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("x8"), "tiny-x8");
        try (TrainedGeneratorUpscaler u = TrainedGeneratorUpscaler.load(folder, null)) {
            assertThat(u.name()).isEqualTo("tiny-x8");
            assertThat(u.inputSize()).isEqualTo(16);
            assertThat(u.outputSize()).isEqualTo(128);
            assertThat(u.scale()).isEqualTo(8.0);
            Image crop = ReportImages.toDjl(SyntheticImages.reference(16, 16, 3));
            assertThat(u.upscale(List.of(crop, crop))).hasSize(2).allSatisfy(i -> assertThat(i.getWidth()).isEqualTo(128));
            Image wrong = ReportImages.toDjl(SyntheticImages.reference(20, 20, 3));
            assertThatThrownBy(() -> u.upscale(List.of(wrong))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes 16x16 crops, got 20x20 at index 0");
        }
        assertThatThrownBy(() -> TrainedGeneratorUpscaler.load(folder, 4.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trained for x8 only");
    }

    @Test
    void refineGeneratorNeedsAScale() throws Exception {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("refine"), "tiny-refine", FakeDatasets.tinyRefiner());
        assertThatThrownBy(() -> TrainedGeneratorUpscaler.load(folder, null)).hasMessageContaining("--scale");
        assertThatThrownBy(() -> TrainedGeneratorUpscaler.load(folder, 3.0)).hasMessageContaining("divisor of 128");
        try (TrainedGeneratorUpscaler u = TrainedGeneratorUpscaler.load(folder, 4.0)) {
            assertThat(u.inputSize()).isEqualTo(32);
            Image out = u.upscale(List.of(ReportImages.toDjl(SyntheticImages.reference(32, 32, 1)))).get(0);
            assertThat(out.getWidth()).isEqualTo(128);
        }
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("x8"), "tiny-x8");
        try (TrainedGeneratorUpscaler u = TrainedGeneratorUpscaler.load(folder, null)) {
            List<Image> crops = new ArrayList<>();
            List<float[]> expected = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                crops.add(ReportImages.toDjl(SyntheticImages.reference(16, 16, 10 + i)));
                expected.add(ReportImages.fromDjl(u.upscale(List.of(crops.get(i))).get(0)).data());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Image>> futures = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    Image c = crops.get(k % 4);
                    futures.add(pool.submit(() -> u.upscale(List.of(c)).get(0)));
                }
                for (int k = 0; k < 8; k++) {
                    assertThat(ReportImages.fromDjl(futures.get(k).get()).data()).containsExactly(expected.get(k % 4));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
