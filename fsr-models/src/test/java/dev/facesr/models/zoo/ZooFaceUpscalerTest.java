package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import dev.facesr.models.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooFaceUpscalerTest {

    @TempDir static Path tmp;
    static Path dir;
    static NDManager manager;
    static List<Image> crops;
    static List<int[]> expected;

    @BeforeAll
    static void exportTinyModel() throws Exception {
        manager = NDManager.newBaseManager();
        var net = ZooFixtures.tinyFast(manager);
        dir = tmp.resolve("tiny-x4");
        ZooFixtures.export(net, "tiny-x4", 8, 32, dir);
        crops = new ArrayList<>();
        expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Image lr = TestImages.random(8, 100 + i);
            crops.add(lr);
            expected.add(ZooFixtures.expectedPixels(manager, net, lr, 32, false));
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void batchesGiveTheSameResultsAsSingleCropsInOrder() throws Exception {
        ModelCard card = FsrModelZoo.cardOf(dir);
        try (ZooFaceUpscaler up =
                new ZooFaceUpscaler(card, FsrModelZoo.loadSuperResolution(dir), 2)) {
            List<Image> out = up.upscale(crops); // batches of 2, 2, 1
            assertThat(out).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(out.get(i).getWidth()).isEqualTo(32);
                assertThat(out.get(i).getHeight()).isEqualTo(32);
                // batches may round a value differently from a crop run alone (float order)
                assertThat(maxDifference(TestImages.pixels(out.get(i)), expected.get(i)))
                        .as("crop %d", i).isLessThanOrEqualTo(1);
            }
            assertThat(up.upscale(List.of())).isEmpty();
        }
    }

    @Test
    void concurrentCallsFromSeveralThreadsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ZooFaceUpscaler up = FsrModelZoo.upscaler(dir)) {
            List<List<Image>> tasks = new ArrayList<>();
            List<List<int[]>> sequential = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                List<Image> mine = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    mine.add(crops.get((t + i) % 5));
                }
                tasks.add(mine);
                List<int[]> ref = new ArrayList<>();
                for (Image im : up.upscale(mine)) {
                    ref.add(TestImages.pixels(im));
                }
                sequential.add(ref);
            }
            List<Future<List<Image>>> futures = new ArrayList<>();
            for (List<Image> mine : tasks) {
                futures.add(pool.submit(() -> up.upscale(mine)));
            }
            for (int t = 0; t < futures.size(); t++) {
                List<Image> out = futures.get(t).get(60, TimeUnit.SECONDS);
                assertThat(out).hasSize(3);
                for (int i = 0; i < 3; i++) {
                    int[] got = TestImages.pixels(out.get(i));
                    // same batch composition as the sequential call: bit-identical
                    assertThat(got).as("task %d crop %d", t, i)
                            .containsExactly(sequential.get(t).get(i));
                    // against the crop run alone: a batch of 3 may round a value differently
                    assertThat(maxDifference(got, expected.get((t + i) % 5)))
                            .as("task %d crop %d vs single", t, i).isLessThanOrEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int maxDifference(int[] a, int[] b) {
        assertThat(a).hasSameSizeAs(b);
        int max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }

    @Test
    void theFlipAugmentationAveragesTheModelOnTheCropAndItsMirrorImage() throws Exception {
        var net = ZooFixtures.tinyFast(manager);
        Path flipDir = tmp.resolve("tiny-flip");
        ZooFixtures.export(net, "tiny-flip", 8, 32, flipDir);
        try (ZooFaceUpscaler up = FsrModelZoo.upscaler(flipDir, TestTimeAugmentation.FLIP);
                ZooFaceUpscaler plain = FsrModelZoo.upscaler(flipDir)) {
            assertThat(up.testTimeAugmentation()).isEqualTo(TestTimeAugmentation.FLIP);
            assertThat(plain.testTimeAugmentation()).isEqualTo(TestTimeAugmentation.NONE);
            assertThat(up.name()).isEqualTo("tiny-flip");
            List<Image> out = up.upscale(crops);
            int changed = 0;
            for (int i = 0; i < crops.size(); i++) {
                int[] expectedFlip = ZooFixtures.expectedPixels(manager,
                        new dev.facesr.core.nn.layer.FlipEnsemble(net), crops.get(i), 32, false);
                int[] got = TestImages.pixels(out.get(i));
                assertThat(maxDifference(got, expectedFlip)).as("crop %d", i).isLessThanOrEqualTo(1);
                changed += maxDifference(got, TestImages.pixels(plain.upscale(List.of(crops.get(i))).get(0))) > 1 ? 1 : 0;
            }
            assertThat(changed).as("crops the mirror image changed").isPositive();
        }
        assertThat(TestTimeAugmentation.of("FLIP")).isEqualTo(TestTimeAugmentation.FLIP);
        assertThatThrownBy(() -> TestTimeAugmentation.of("rot90")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flip");
    }

    @Test
    void repeatedCallsLeaveNoArraysBehind() throws Exception {
        ZooModel<Image, Image> model = FsrModelZoo.loadSuperResolution(dir);
        try (ZooFaceUpscaler up = new ZooFaceUpscaler(FsrModelZoo.cardOf(dir), model, 2)) {
            up.upscale(crops);
            int before = model.getNDManager().getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                up.upscale(crops);
            }
            assertThat(model.getNDManager().getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void wrongSizesAndUseAfterCloseAreClearErrors() throws Exception {
        ZooFaceUpscaler up = FsrModelZoo.upscaler(dir);
        try {
            assertThatThrownBy(() -> up.upscale(List.of(crops.get(0), TestImages.random(16, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'tiny-x4'")
                    .hasMessageContaining("takes 8x8")
                    .hasMessageContaining("got 16x16 at index 1");
            assertThatThrownBy(() -> up.upscale(null)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            up.close();
        }
        up.close(); // closing twice is harmless
        assertThatThrownBy(() -> up.upscale(crops)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
