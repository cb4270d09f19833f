package dev.facesr.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import dev.facesr.core.degrade.AreaDownscale;
import dev.facesr.core.degrade.RandomDegradation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The example of docs/data.md, run on the real CelebA layout (skips when absent). */
class DocsExampleTest {

    private static Path datasets() {
        String dir = System.getProperty("fsr.datasets");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "celeba")),
                "Skipping: shared datasets not found (fsr.datasets = " + dir + ")");
        return Path.of(dir);
    }

    private static FacePairDataset docsExample(Path datasets) {
        // --- docs/data.md example starts
        CelebADataset faces = CelebADataset.builder()
                .setRoot(datasets.resolve("celeba"))
                .optUsage(Dataset.Usage.TRAIN)
                .optCrop(CropPolicy.FSRNET_CELEBA_128)          // 128x128 HR, FSRNet framing
                .optAugmentation(FaceAugmentation.faceSr())     // flip, roll +-15 deg, aspect +-10 %
                .build();
        FacePairDataset pairs = FacePairDataset.builder()
                .setSource(faces)
                .addDegradation(RandomDegradation.gfpganStyle(new AreaDownscale(8)))  // 16x16 LR
                .optSeed(42)
                .setSampling(16, true)
                .build();
        // --- docs/data.md example ends
        return pairs;
    }

    @Test
    void exampleDeliversBatches() throws Exception {
        FacePairDataset pairs = docsExample(datasets());
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 0;
            for (Batch batch : pairs.getData(manager, executor)) {
                try (batch) {
                    assertThat(batch.getData().get(0).getShape()).isEqualTo(new Shape(16, 3, 16, 16));
                    assertThat(batch.getLabels().get(0).getShape()).isEqualTo(new Shape(16, 3, 128, 128));
                    assertThat(batch.getLabels().get(1).getShape()).isEqualTo(new Shape(16));
                }
                if (++n == 2) {
                    break;
                }
            }
            assertThat(n).isEqualTo(2);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Prints pairs/s of the example with 1 and 2 loader threads (not part of the default run). */
    @Test
    @Tag("benchmark")
    void throughput() throws Exception {
        FacePairDataset pairs = docsExample(datasets());
        for (int threads : new int[] {1, 2}) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try (NDManager manager = NDManager.newBaseManager()) {
                int batches = 0;
                long start = System.nanoTime();
                for (Batch batch : pairs.getData(manager, executor)) {
                    batch.close();
                    if (++batches == 40) {
                        break;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("threads=%d: %d pairs in %.2f s = %.0f pairs/s%n",
                        threads, batches * 16, seconds, batches * 16 / seconds);
            } finally {
                executor.shutdownNow();
            }
        }
    }
}
