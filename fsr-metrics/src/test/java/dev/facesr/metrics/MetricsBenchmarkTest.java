package dev.facesr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facesr.metrics.image.FloatImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of PSNR + SSIM over 1,000 pairs of 128x128 RGB images given as NCHW [0, 1] NDArray batches
 * of 100. Run it with {@code mvn -B -o -pl fsr-metrics -am verify -Dfsr.excludedGroups=none
 * -Dtest=MetricsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class MetricsBenchmarkTest {
    @Test
    void thousandPairsOf128TakeSeconds() {
        int n = 1000;
        int batch = 100;
        int size = 3 * 128 * 128;
        float[][] sr = new float[n / batch][batch * size];
        float[][] hr = new float[n / batch][batch * size];
        for (int i = 0; i < n; i++) {
            FloatImage h = SyntheticImages.reference(128, 128, i + 1);
            FloatImage s = SyntheticImages.distorted(h, 10, i + 5000);
            for (int k = 0; k < size; k++) {
                hr[i / batch][(i % batch) * size + k] = h.data()[k] / 255f;
                sr[i / batch][(i % batch) * size + k] = s.data()[k] / 255f;
            }
        }
        Psnr psnrY = Psnr.builder().optChannels(ChannelMode.Y).build();
        Ssim ssimY = Ssim.builder().optChannels(ChannelMode.Y).build();
        Psnr psnrRgb = Psnr.builder().build();
        Ssim ssimRgb = Ssim.builder().build();
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
            try (NDManager m = NDManager.newBaseManager()) {
                long t0 = System.nanoTime();
                double sum = 0;
                for (int b = 0; b < n / batch; b++) {
                    NDArray a = m.create(sr[b], new Shape(batch, 3, 128, 128));
                    NDArray c = m.create(hr[b], new Shape(batch, 3, 128, 128));
                    for (double v : psnrY.compute(a, c)) {
                        sum += v;
                    }
                    for (double v : ssimY.compute(a, c)) {
                        sum += v;
                    }
                }
                long t1 = System.nanoTime();
                for (int b = 0; b < n / batch; b++) {
                    NDArray a = m.create(sr[b], new Shape(batch, 3, 128, 128));
                    NDArray c = m.create(hr[b], new Shape(batch, 3, 128, 128));
                    for (double v : psnrRgb.compute(a, c)) {
                        sum += v;
                    }
                    for (double v : ssimRgb.compute(a, c)) {
                        sum += v;
                    }
                }
                long t2 = System.nanoTime();
                System.out.printf(
                        "round %d: 1000 pairs 128x128: PSNR+SSIM on Y %.2f s, PSNR+SSIM on RGB %.2f s (checksum %.3f)%n",
                        round, (t1 - t0) / 1e9, (t2 - t1) / 1e9, sum);
                assertThat((t1 - t0) / 1e9).isLessThan(60);
            }
        }
    }
}
