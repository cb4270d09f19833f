package dev.facesr.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.landmarks.LandmarkHourglass;
import ai.djl.modality.cv.Image;
import dev.facesr.models.TestImages;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelExporter;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forward time per face at batch 1 of the shipped architectures (untrained weights; the time
 * does not depend on them). Run: {@code mvn -B -o -pl fsr-models -am verify
 * -Dtest=FastSrBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dfsr.excludedGroups=none
 * -Dai.djl.pytorch.num_threads=1} (one intra-op thread; on a shared, loaded 2-core machine two
 * threads contend and the times vary tenfold).
 */
@Tag("benchmark")
class FastSrBenchmarkTest {

    @Test
    void forwardTimes() {
        try (NDManager m = NDManager.newBaseManager()) {
            double x8 = median(m, FastSr.builder().setScale(8).build(), 16, 200);
            double x4 = median(m, FastSr.builder().setScale(4).build(), 32, 200);
            double cd = median(m, CrossDomainSr.builder().build(), 128, 20);
            double lm = median(m, LandmarkHourglass.builder().build(), 128, 20);
            System.out.printf("ai.djl.pytorch.num_threads=%s, load average %.1f%n",
                    System.getProperty("ai.djl.pytorch.num_threads", "(default)"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            System.out.printf("median forward ms at batch 1: fast-x8 %.2f, fast-x4 %.2f,"
                    + " crossdomain %.1f, landmarks68 %.1f%n", x8, x4, cd, lm);
            assertThat(x8).isPositive();
        }
    }

    /** End to end through the zoo: Image in, Image out, one crop per call (predictor per call). */
    @Test
    void upscalerTimes(@TempDir Path tmp) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int scale : new int[] {8, 4}) {
                FastSr net = FastSr.builder().setScale(scale).build();
                int in = 128 / scale;
                net.initialize(m, DataType.FLOAT32, new Shape(1, 3, in, in));
                Path dir = tmp.resolve("bench-x" + scale);
                ModelExporter.export(net, ModelCard.builder().setName("bench-x" + scale)
                        .setSizes(in, 128), dir);
                try (ZooFaceUpscaler up = FsrModelZoo.upscaler(dir)) {
                    List<Image> one = List.of(TestImages.random(in, 1));
                    double[] ms = new double[200];
                    for (int i = -50; i < ms.length; i++) {
                        long t0 = System.nanoTime();
                        up.upscale(one);
                        if (i >= 0) {
                            ms[i] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                    Arrays.sort(ms);
                    System.out.printf("ZooFaceUpscaler fast x%d, 1 crop per call: median %.2f ms%n",
                            scale, ms[ms.length / 2]);
                    assertThat(ms[0]).isPositive();
                }
            }
        }
    }

    private static double median(NDManager m, Block block, int size, int runs) {
        Shape in = new Shape(1, 3, size, size);
        block.initialize(m, DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(m, false);
        double[] ms = new double[runs];
        for (int i = -runs / 4 - 5; i < runs; i++) { // warm-up first
            try (NDManager call = m.newSubManager()) {
                NDArray x = call.randomUniform(0f, 1f, in);
                long t0 = System.nanoTime();
                NDArray y = block.forward(ps, new NDList(x), false).head();
                y.toFloatArray(); // wait for the result
                long t1 = System.nanoTime();
                if (i >= 0) {
                    ms[i] = (t1 - t0) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
