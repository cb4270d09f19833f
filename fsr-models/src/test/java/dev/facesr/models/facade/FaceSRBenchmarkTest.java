package dev.facesr.models.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.models.facade.Fixtures.BicubicUpscaler;
import dev.facesr.models.facade.Fixtures.FakeDetector;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The facade's own cost (decode, align, enlarge, paste; the upscaler is the bicubic test double)
 * on a 640x480 photo with 3 faces at 4x. Run with
 * {@code mvn -B -o -pl fsr-models -am verify -Dtest=FaceSRBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dfsr.excludedGroups=}.
 */
@Tag("benchmark")
class FaceSRBenchmarkTest {

    @Test
    void facadeOverheadOnA640x480PhotoAt4x() {
        List<Landmarks> faces = List.of(Fixtures.face(150, 200, 60, 5), Fixtures.face(330, 180, 45, -8),
                Fixtures.face(500, 260, 80, 0));
        BufferedImage photo = ImageConversions.toBufferedImage(Fixtures.photo(640, 480, faces));
        try (FaceSR sr = FaceSR.builder().optDetector(new FakeDetector(faces, true))
                .optUpscaler(new BicubicUpscaler(32, 128)).build()) {
            for (int i = 0; i < 3; i++) {
                sr.upscale(photo);
            }
            int runs = 5;
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                assertThat(sr.upscale(photo).restoredCount()).isEqualTo(3);
            }
            double ms = (System.nanoTime() - t0) / 1e6 / runs;
            System.out.printf("FaceSR facade, 640x480 -> 2560x1920, 3 faces, bicubic double: %.0f ms per photo%n", ms);
        }
    }
}
