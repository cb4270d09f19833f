package dev.facesr.models.facade.align;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.models.facade.image.Warp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On real aligned CelebA faces (val split), the aligner's framing matches the datasets README's
 * recipe for the FSRNet celeba-1000 framing: crop x 19.5-157.3, y 57.6-204.9 (pixel edges) of the
 * 178x218 image, resized to 128x128.
 *
 * <p>The aligner is given the mean-face landmarks of aligned CelebA: the README's eye centres
 * (69.0, 110.8) and (108.3, 110.9), and nose and mouth corners placed from the MTFL medians
 * (isotropic, as a detector would report them). The two 128x128 crops are compared by normalised
 * cross-correlation.
 */
class TemplateFramingDataTest {

    private static final double[][] EYE_FRAME = {{0.496, 0.627}, {0.062, 1.059}, {0.936, 1.059}};

    @Test
    void alignedCelebaFacesMatchTheReadmeFramingRecipe() throws IOException {
        Path val = Path.of(System.getProperty("fsr.datasets", "../shared/datasets"), "celeba", "val");
        Assumptions.assumeTrue(Files.isDirectory(val), "No CelebA val split at " + val + "; skipping");
        List<Path> files;
        try (Stream<Path> s = Files.list(val)) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(20).collect(Collectors.toList());
        }
        Landmarks meanFace = meanFaceLandmarks();
        Affine2D recipe = new Affine2D(128 / 137.8, 0, (0.5 - 19.5) * 128 / 137.8 - 0.5,
                0, 128 / 147.3, (0.5 - 57.6) * 128 / 147.3 - 0.5);
        Affine2D aligned = SimilarityAligner.transform(meanFace, 128);
        double[] ncc = new double[files.size()];
        for (int i = 0; i < files.size(); i++) {
            FloatImage face = ImageConversions.read(files.get(i));
            FloatImage byRecipe = Warp.affine(face, recipe.inverse(), 128, 128);
            FloatImage byAligner = SimilarityAligner.warp(face, aligned, 128);
            ncc[i] = ncc(byRecipe, byAligner);
        }
        Arrays.sort(ncc);
        double median = ncc[ncc.length / 2];
        System.out.printf("template vs README framing recipe, %d CelebA val faces: NCC min %.3f, median %.3f%n",
                ncc.length, ncc[0], median);
        assertThat(median).isGreaterThan(0.95);
        assertThat(ncc[0]).isGreaterThan(0.85);
    }

    private static Landmarks meanFaceLandmarks() {
        double lx = 69.0;
        double ly = 110.8;
        double dx = 108.3 - lx;
        double dy = 110.9 - ly;
        double d = Math.hypot(dx, dy);
        double[] xy = {lx, ly, 108.3, 110.9, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 3; i++) {
            xy[4 + 2 * i] = lx + EYE_FRAME[i][0] * dx - EYE_FRAME[i][1] * dy;
            xy[5 + 2 * i] = ly + EYE_FRAME[i][0] * dy + EYE_FRAME[i][1] * dx;
        }
        assertThat(d).isGreaterThan(39);
        return Landmarks.of(xy);
    }

    private static double ncc(FloatImage a, FloatImage b) {
        float[] x = a.data();
        float[] y = b.data();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
