package dev.facesr.models.facade.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facesr.metrics.image.FloatImage;
import dev.facesr.models.facade.FaceSRException;
import dev.facesr.models.facade.FaceSRException.Reason;
import dev.facesr.models.facade.PhotoInput;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoDecoderTest {

    private final PhotoDecoder decoder = new PhotoDecoder(1_000_000);

    private static BufferedImage rgb(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((x * 7) & 0xFF) << 16 | ((y * 5) & 0xFF) << 8 | ((x + y) & 0xFF));
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).as("writer for " + format).isTrue();
        return out.toByteArray();
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FaceSRException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    @Test
    void decodesPngAndJpegBytesAndFiles(@TempDir Path dir) throws IOException {
        BufferedImage src = rgb(40, 30);
        FloatImage png = decoder.decode(PhotoInput.of(encode(src, "png")));
        assertThat(png.channels()).isEqualTo(3);
        assertThat(png.width()).isEqualTo(40);
        assertThat(png.get(0, 10, 20)).isEqualTo(140f);
        Path file = dir.resolve("a.jpg");
        Files.write(file, encode(src, "jpg"));
        FloatImage jpg = decoder.decode(PhotoInput.of(file));
        assertThat(jpg.height()).isEqualTo(30);
    }

    @Test
    void emptyMissingAndNullInputsAreNamed(@TempDir Path dir) throws IOException {
        assertReason(() -> decoder.decode(PhotoInput.of(new byte[0])), Reason.EMPTY_INPUT);
        assertReason(() -> decoder.decode(PhotoInput.of((byte[]) null)), Reason.EMPTY_INPUT);
        assertReason(() -> decoder.decode(null), Reason.EMPTY_INPUT);
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertReason(() -> decoder.decode(PhotoInput.of(empty)), Reason.EMPTY_INPUT);
        assertReason(() -> decoder.decode(PhotoInput.of(dir.resolve("missing.png"))), Reason.UNREADABLE_FILE);
        assertReason(() -> decoder.decode(PhotoInput.of(dir)), Reason.UNREADABLE_FILE);
    }

    @Test
    void wrongTypeAndCorruptDataAreNamed() throws IOException {
        assertReason(() -> decoder.decode(PhotoInput.of("hello, not an image".getBytes(StandardCharsets.UTF_8))),
                Reason.UNSUPPORTED_FORMAT);
        byte[] png = encode(rgb(40, 30), "png");
        byte[] damaged = png.clone();
        for (int i = 60; i < damaged.length - 20; i++) {
            damaged[i] ^= 0x5A;
        }
        assertThatThrownBy(() -> decoder.decode(PhotoInput.of(damaged))).isInstanceOfSatisfying(
                FaceSRException.class, e -> assertThat(e.reason()).isIn(Reason.CORRUPT_INPUT, Reason.TRUNCATED_INPUT));
        // a PNG signature with garbage after it
        byte[] header = Arrays.copyOf(png, 40);
        Arrays.fill(header, 8, 40, (byte) 0x7F);
        assertThatThrownBy(() -> decoder.decode(PhotoInput.of(header))).isInstanceOfSatisfying(
                FaceSRException.class, e -> assertThat(e.reason()).isIn(Reason.CORRUPT_INPUT, Reason.TRUNCATED_INPUT));
    }

    @Test
    void truncatedPngAndJpegAreNamed() throws IOException {
        byte[] png = encode(rgb(64, 64), "png");
        assertReason(() -> decoder.decode(PhotoInput.of(Arrays.copyOf(png, png.length / 2))), Reason.TRUNCATED_INPUT);
        byte[] jpg = encode(rgb(64, 64), "jpg");
        assertReason(() -> decoder.decode(PhotoInput.of(Arrays.copyOf(jpg, jpg.length / 2))), Reason.TRUNCATED_INPUT);
    }

    @Test
    void tinyImagesAreRejected() throws IOException {
        assertReason(() -> decoder.decode(PhotoInput.of(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))),
                Reason.IMAGE_TOO_SMALL);
        assertReason(() -> decoder.decode(PhotoInput.of(encode(rgb(1, 1), "png"))), Reason.IMAGE_TOO_SMALL);
        assertThat(decoder.decode(PhotoInput.of(rgb(4, 4))).width()).isEqualTo(4);
    }

    @Test
    void oversizedImagesAreRejectedFromTheHeaderWithoutDecoding() throws IOException {
        // a PNG whose header claims 60000 x 60000 (3.6 G pixels), with valid CRC: decoding it would need ~14 GB
        byte[] png = encode(rgb(8, 8), "png");
        ByteBuffer buf = ByteBuffer.wrap(png);
        buf.putInt(16, 60000);
        buf.putInt(20, 60000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buf.putInt(29, (int) crc.getValue());
        assertThatThrownBy(() -> decoder.decode(PhotoInput.of(png))).isInstanceOfSatisfying(FaceSRException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("60000x60000").contains("optMaxInputPixels");
                });
        assertReason(() -> new PhotoDecoder(100).decode(PhotoInput.of(rgb(20, 20))), Reason.IMAGE_TOO_LARGE);
    }

    @Test
    void greyAndSixteenBitGreyBecomeThreeEqualChannelsScaledLinearly() throws IOException {
        BufferedImage g8 = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        g8.getRaster().setSample(3, 2, 0, 200);
        FloatImage a = decoder.decode(PhotoInput.of(encode(g8, "png")));
        assertThat(new float[] {a.get(0, 2, 3), a.get(1, 2, 3), a.get(2, 2, 3)}).containsOnly(200f);
        BufferedImage g16 = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(3, 2, 0, 65535 / 5);
        FloatImage b = decoder.decode(PhotoInput.of(encode(g16, "png")));
        assertThat(b.get(0, 2, 3)).isCloseTo(51f, within(0.01f));
        assertThat(b.get(2, 2, 3)).isEqualTo(b.get(0, 2, 3));
    }

    @Test
    void sixteenBitColourIsConverted() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(8, 8);
        raster.setPixel(1, 1, new int[] {65535, 32896, 0});
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        FloatImage f = decoder.decode(PhotoInput.of(encode(img, "png")));
        assertThat(f.get(0, 1, 1)).isEqualTo(255f);
        assertThat(f.get(1, 1, 1)).isCloseTo(128f, within(1f));
        assertThat(f.get(2, 1, 1)).isZero();
    }

    @Test
    void alphaIsCompositedOverWhite() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00000000); // fully transparent black -> white
        img.setRGB(1, 0, 0xFF102030); // opaque -> unchanged
        img.setRGB(2, 0, 0x80000000); // half-transparent black -> about 127
        FloatImage f = decoder.decode(PhotoInput.of(encode(img, "png")));
        assertThat(f.get(0, 0, 0)).isEqualTo(255f);
        assertThat(f.get(2, 0, 1)).isEqualTo(0x30);
        assertThat(f.get(1, 0, 2)).isCloseTo(127f, within(1f));
        BufferedImage greyAlpha = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE), 
                new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE).createCompatibleWritableRaster(8, 8), false, null);
        greyAlpha.getRaster().setPixel(0, 0, new int[] {0, 0});
        greyAlpha.getRaster().setPixel(1, 0, new int[] {100, 255});
        FloatImage g = PhotoDecoder.convert(greyAlpha);
        assertThat(g.get(0, 0, 0)).isEqualTo(255f);
        assertThat(g.get(1, 0, 1)).isEqualTo(100f);
    }

    @Test
    void paletteImagesAreConverted() throws IOException {
        byte[] r = {0, (byte) 255};
        byte[] gb = {0, 10};
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, gb, gb));
        img.getRaster().setSample(2, 3, 0, 1);
        for (String format : new String[] {"png", "gif"}) {
            FloatImage f = decoder.decode(PhotoInput.of(encode(img, format)));
            assertThat(f.get(0, 3, 2)).as(format).isEqualTo(255f);
            assertThat(f.get(1, 3, 2)).as(format).isEqualTo(10f);
            assertThat(f.get(0, 0, 0)).as(format).isZero();
        }
    }
}
