package dev.facesr.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facesr.metrics.image.BicubicRoundTrip;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bicubic x8 baseline on FSRNet's CelebA-1000 test faces (128x128): shrink to 16x16 and
 * enlarge back with {@link dev.facesr.metrics.image.BicubicRoundTrip} (MATLAB {@code imresize} on
 * {@code uint8} images: 8-bit levels after every pass and step), then Y-PSNR and Y-SSIM against the original. The expected figures (23.49 dB, 0.635) are
 * those of Pillow's antialiased bicubic; MATLAB-style resizing must land within 0.15 dB and 0.01.
 * Skips when {@code fsr.datasets} has no {@code fsrnet-test/celeba-1000/hr}.
 */
class CelebaBicubicBaselineTest {
    @Test
    void bicubicBaselineMatchesThePublishedFigures() throws IOException {
        Path dir = Path.of(System.getProperty("fsr.datasets", "../shared/datasets"), "fsrnet-test", "celeba-1000", "hr");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no dataset at " + dir + "; skipping the real-data check");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(files).hasSize(1000);
        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).build();
        Ssim ssim = Ssim.builder().optChannels(ChannelMode.Y).build();
        double sp = 0;
        double ss = 0;
        for (Path f : files) {
            FloatImage hr = ImageConversions.read(f);
            FloatImage bic = BicubicRoundTrip.apply(hr, 8, true);
            sp += psnr.compute(bic, hr);
            ss += ssim.compute(bic, hr);
        }
        double meanPsnr = sp / files.size();
        double meanSsim = ss / files.size();
        System.out.printf("CelebA-1000 bicubic x8 (MATLAB imresize on uint8): Y-PSNR %.4f dB, Y-SSIM %.5f%n",
                meanPsnr, meanSsim);
        assertThat(meanPsnr).isCloseTo(23.49, within(0.15));
        assertThat(meanSsim).isCloseTo(0.635, within(0.01));
    }
}
