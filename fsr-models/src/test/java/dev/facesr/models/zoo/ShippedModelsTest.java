package dev.facesr.models.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.models.facade.FaceSR;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The shipped default model, as a user gets it from a fresh clone: loaded by name from the
 * classpath (SHA-256 checked), upscaling a 16x16 face crop to 128x128, directly and through
 * {@code FaceSR.builder().build()}.
 */
class ShippedModelsTest {

    private static BufferedImage face16() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 160, 140));
        g.fillRect(0, 0, 16, 16);
        g.setColor(new Color(60, 40, 30));
        g.fillOval(4, 5, 3, 2);
        g.fillOval(9, 5, 3, 2);
        g.fillRect(6, 11, 4, 1);
        g.dispose();
        return img;
    }

    @Test
    void theDefaultModelHasWeightsAndLoadsByName() throws Exception {
        ModelCard card = FsrModelZoo.classpath().card(FaceSR.Builder.DEFAULT_MODEL);
        assertThat(card.hasWeights()).as("the default model ships trained weights").isTrue();
        assertThat(card.inputSize()).isEqualTo(16);
        assertThat(card.outputSize()).isEqualTo(128);
        assertThat(card.commit()).isNotBlank();
        assertThat(card.metrics()).containsKey("celeba-1000.psnr-y");
        try (ZooFaceUpscaler upscaler = FsrModelZoo.classpath().upscaler(card.name())) {
            assertThat(upscaler.inputSize()).isEqualTo(16);
            assertThat(upscaler.outputSize()).isEqualTo(128);
        }
    }

    @Test
    void faceSrWithDefaultsUpscalesA16pxFaceTo128() {
        try (FaceSR faceSr = FaceSR.builder().build()) {
            BufferedImage out = faceSr.upscaleAligned(face16());
            assertThat(out.getWidth()).isEqualTo(128);
            assertThat(out.getHeight()).isEqualTo(128);
            // the restored face keeps the input's colours on average (no colour shift)
            int rgb = out.getRGB(64, 20);
            assertThat((rgb >> 16) & 0xff).isBetween(150, 250);
        }
    }

    @Test
    void theFlipTestTimeAugmentationRunsBothDefaultModelsMirroredAsWell() {
        try (FaceSR plain = FaceSR.builder().build();
                FaceSR flip = FaceSR.builder().optTestTimeAugmentation(TestTimeAugmentation.FLIP).build()) {
            assertThat(((ZooFaceUpscaler) flip.upscaler()).testTimeAugmentation()).isEqualTo(TestTimeAugmentation.FLIP);
            assertThat(((ZooFaceUpscaler) flip.largeFaceUpscaler().orElseThrow()).testTimeAugmentation())
                    .isEqualTo(TestTimeAugmentation.FLIP);
            BufferedImage a = plain.upscaleAligned(face16());
            BufferedImage b = flip.upscaleAligned(face16());
            assertThat(b.getWidth()).isEqualTo(128);
            long differing = 0;
            long total = 0;
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 128; x++) {
                    int d = Math.abs((a.getRGB(x, y) & 0xff) - (b.getRGB(x, y) & 0xff));
                    differing += d > 1 ? 1 : 0;
                    total += d;
                }
            }
            // a different but close result: the mirrored pass changes some pixels a little
            assertThat(differing).isPositive();
            assertThat(total / (128.0 * 128.0)).isLessThan(4.0);
        }
    }
}
