package dev.facesr.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.models.facade.FaceSR;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The soak harness on the default FaceSR (shipped model, Haar detector) with small synthetic photos. */
class SoakRunTest {

    private static List<BufferedImage> noisePhotos(int n) {
        SplittableRandom r = new SplittableRandom(7);
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(40 + i, 30, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            out.add(img);
        }
        return out;
    }

    @Test
    void everyCallIsMadeOnceAndMemoryIsSampled() throws Exception {
        try (FaceSR sr = FaceSR.builder().optScale(2).build()) {
            SoakRun.Result r = SoakRun.run(sr, noisePhotos(3), 40, 4, 8, null);
            assertThat(r.calls()).isEqualTo(40);
            assertThat(r.errors()).as(String.valueOf(r.firstError())).isZero();
            assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(r.samples().get(r.samples().size() - 1).callsDone()).isEqualTo(40);
            assertThat(r.samples()).isSortedAccordingTo(java.util.Comparator.comparingInt(SoakRun.Sample::callsDone));
        }
    }

    @Test
    void failingCallsAreCountedNotThrown() throws Exception {
        FaceSR sr = FaceSR.builder().optScale(2).build();
        sr.close(); // every call now fails with a clear "closed" error
        SoakRun.Result r = SoakRun.run(sr, noisePhotos(1), 10, 2, 2, null);
        assertThat(r.errors()).isEqualTo(10);
        assertThat(r.firstError()).containsIgnoringCase("closed");
    }

    @Test
    void residentMemoryIsReadOnLinux() {
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return;
        }
        assertThat(ProcessMemory.residentBytes()).isPresent();
        assertThat(ProcessMemory.peakResidentBytes().getAsLong())
                .isGreaterThanOrEqualTo(ProcessMemory.residentBytes().getAsLong() / 2);
        assertThat(ProcessMemory.mib(ProcessMemory.residentBytes())).endsWith(" MiB");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> SoakRun.run(null, List.of(), 1, 1, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
