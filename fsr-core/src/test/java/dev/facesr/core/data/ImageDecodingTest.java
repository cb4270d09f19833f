package dev.facesr.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.core.degrade.FloatImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecodingTest {

    @TempDir Path tmp;

    @Test
    void greyBecomesRgbWithoutGammaChange() throws IOException {
        BufferedImage g = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(1, 2, 0, 100);
        FloatImage im = ImageDecoding.readRgb(TestImages.write(g, tmp.resolve("g.png")));
        assertThat(im.channels()).isEqualTo(3);
        assertThat(im.width()).isEqualTo(4);
        assertThat(im.height()).isEqualTo(3);
        for (int c = 0; c < 3; c++) {
            assertThat(im.get(c, 2, 1)).isEqualTo(100 / 255f);
            assertThat(im.get(c, 0, 0)).isEqualTo(0f);
        }
    }

    @Test
    void sixteenBitGreyIsScaledTo01() throws IOException {
        BufferedImage g = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        g.getRaster().setSample(0, 0, 0, 65535);
        g.getRaster().setSample(1, 0, 0, 32768);
        FloatImage im = ImageDecoding.readRgb(TestImages.write(g, tmp.resolve("g16.png")));
        assertThat(im.get(0, 0, 0)).isEqualTo(1f);
        assertThat(im.get(2, 0, 1)).isCloseTo(0.5f, Offset.offset(1e-4f));
    }

    @Test
    void alphaIsDroppedAndChannelOrderIsRgb() throws IOException {
        BufferedImage a = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, 0x10FF8000); // mostly transparent orange
        a.setRGB(1, 0, 0xFF0000FF);
        FloatImage im = ImageDecoding.readRgb(TestImages.write(a, tmp.resolve("a.png")));
        assertThat(im.channels()).isEqualTo(3);
        assertThat(im.get(0, 0, 0)).isEqualTo(1f);
        assertThat(im.get(1, 0, 0)).isEqualTo(128 / 255f);
        assertThat(im.get(2, 0, 0)).isEqualTo(0f);
        assertThat(im.get(2, 0, 1)).isEqualTo(1f);
        BufferedImage bgr = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, 0xFF0000);
        FloatImage red = ImageDecoding.toRgb(bgr);
        assertThat(red.get(0, 0, 0)).isEqualTo(1f);
        assertThat(red.get(2, 0, 0)).isEqualTo(0f);
    }

    @Test
    void sixteenBitRgbIsScaledTo01() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 2);
        raster.setPixel(2, 1, new int[] {65535, 0, 13107});
        BufferedImage im16 = new BufferedImage(cm, raster, false, null);
        for (FloatImage im : new FloatImage[] {ImageDecoding.toRgb(im16),
                ImageDecoding.readRgb(TestImages.write(im16, tmp.resolve("rgb16.png")))}) {
            assertThat(im.get(0, 1, 2)).isEqualTo(1f);
            assertThat(im.get(1, 1, 2)).isEqualTo(0f);
            assertThat(im.get(2, 1, 2)).isCloseTo(0.2f, Offset.offset(1e-6f));
        }
    }

    @Test
    void paletteImagesAreExpanded() throws IOException {
        byte[] r = {0, (byte) 255};
        byte[] g = {0, 0};
        byte[] b = {0, (byte) 200};
        BufferedImage p = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(1, 2, r, g, b));
        p.getRaster().setSample(1, 0, 0, 1);
        FloatImage im = ImageDecoding.readRgb(TestImages.write(p, tmp.resolve("p.png")));
        assertThat(im.get(0, 0, 1)).isEqualTo(1f);
        assertThat(im.get(2, 0, 1)).isEqualTo(200 / 255f);
        assertThat(im.get(0, 0, 0)).isEqualTo(0f);
    }

    @Test
    void notAnImageGivesAClearError() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.jpg"), "not an image");
        assertThatThrownBy(() -> ImageDecoding.readRgb(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot decode");
    }
}
