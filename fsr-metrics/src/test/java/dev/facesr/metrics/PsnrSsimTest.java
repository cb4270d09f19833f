package dev.facesr.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link Psnr} and {@link Ssim}: edge cases, input kinds and bad input. */
class PsnrSsimTest {
    private static final FloatImage HR = SyntheticImages.reference(48, 40, 1);
    private static final FloatImage SR = SyntheticImages.distorted(HR, 20, 2);

    @Test
    void identicalImagesGiveInfinityAndOne() {
        assertThat(Psnr.builder().build().compute(HR, HR)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Ssim.builder().optChannels(ChannelMode.Y).build().compute(HR, HR)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void psnrFollowsTheFormulaAndThePeak() {
        float[] a = new float[3 * 4 * 4];
        float[] b = new float[a.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = 10; // every error is 10 -> MSE 100
        }
        FloatImage x = new FloatImage(a, 3, 4, 4, ValueRange.BYTE);
        FloatImage y = new FloatImage(b, 3, 4, 4, ValueRange.BYTE);
        assertThat(Psnr.builder().build().compute(x, y)).isCloseTo(10 * Math.log10(255.0 * 255 / 100), within(1e-9));
        assertThat(Psnr.builder().optPeak(100).build().compute(x, y)).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void ndarrayBatchesAgreeWithSingleImagesInEitherRange() {
        Psnr psnrY = Psnr.builder().optChannels(ChannelMode.Y).build();
        Ssim ssimY = Ssim.builder().optChannels(ChannelMode.Y).build();
        double p = psnrY.compute(SR, HR);
        double s = ssimY.compute(SR, HR);
        FloatImage hr2 = SyntheticImages.reference(48, 40, 5);
        FloatImage sr2 = SyntheticImages.distorted(hr2, 3, 6);
        assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray srBatch = m.create(concat(SR, sr2), new Shape(2, 3, 48, 40));
            NDArray hrBatch = m.create(concat(HR, hr2), new Shape(2, 3, 48, 40));
            // [0,1] (the default) and [0,255] stated explicitly give the same numbers
            double[] pUnit = psnrY.compute(srBatch.div(255f), hrBatch.div(255f));
            double[] pByte = Psnr.builder().optChannels(ChannelMode.Y).optInputRange(ValueRange.BYTE).build()
                    .compute(srBatch, hrBatch);
            double[] sUnit = ssimY.compute(srBatch.div(255f), hrBatch.div(255f));
            assertThat(pUnit).hasSize(2);
            assertThat(pUnit[0]).isCloseTo(p, within(1e-4));
            assertThat(pByte[0]).isCloseTo(p, within(1e-9));
            assertThat(pUnit[1]).isCloseTo(psnrY.compute(sr2, hr2), within(1e-4));
            assertThat(sUnit[0]).isCloseTo(s, within(1e-6));
            assertThat(sUnit[1]).isCloseTo(ssimY.compute(sr2, hr2), within(1e-6));
            // a CHW array is one image; uint8 arrays are converted (here stated as 0-255)
            double[] one = Psnr.builder().optChannels(ChannelMode.Y).optInputRange(ValueRange.BYTE).build()
                    .compute(srBatch.get(0).toType(DataType.UINT8, false), hrBatch.get(0).toType(DataType.UINT8, false));
            assertThat(one).hasSize(1);
            assertThat(one[0]).isCloseTo(p, within(1e-9));
            assertThatThrownBy(() -> psnrY.compute(srBatch, hrBatch.get(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("same shape");
        }
    }

    @Test
    void bufferedAndDjlImagesGiveTheSameAsFloatImages() {
        BufferedImage a = ImageConversions.toBufferedImage(SR);
        BufferedImage b = ImageConversions.toBufferedImage(HR);
        Ssim ssim = Ssim.builder().build();
        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).optCrop(2).build();
        assertThat(ssim.compute(a, b)).isEqualTo(ssim.compute(SR, HR));
        assertThat(psnr.compute(a, b)).isEqualTo(psnr.compute(SR, HR));
        Image da = BufferedImageFactory.getInstance().fromImage(a);
        Image db = BufferedImageFactory.getInstance().fromImage(b);
        assertThat(psnr.compute(da, db)).isEqualTo(psnr.compute(SR, HR));
        assertThat(ssim.compute(da, db)).isEqualTo(ssim.compute(SR, HR));
    }

    @Test
    void filesAreReadAsRgbBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path a = dir.resolve("a.png");
        java.nio.file.Path b = dir.resolve("b.png");
        javax.imageio.ImageIO.write(ImageConversions.toBufferedImage(SR), "png", a.toFile());
        javax.imageio.ImageIO.write(ImageConversions.toBufferedImage(HR), "png", b.toFile());
        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).build();
        assertThat(psnr.compute(a, b)).isEqualTo(psnr.compute(SR, HR));
        assertThat(Ssim.builder().build().compute(a, b)).isEqualTo(Ssim.builder().build().compute(SR, HR));
        assertThatThrownBy(() -> psnr.compute(dir.resolve("missing.png"), b))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("missing.png");
    }

    @Test
    void badInputGetsClearErrors() {
        FloatImage other = SyntheticImages.reference(40, 48, 1);
        assertThatThrownBy(() -> Psnr.builder().build().compute(SR, other))
                .hasMessageContaining("same shape").hasMessageContaining("3x48x40");
        assertThatThrownBy(() -> Ssim.builder().optCrop(15).build().compute(SR, HR))
                .hasMessageContaining("at least 11x11");
        assertThatThrownBy(() -> Psnr.builder().optCrop(20).build().compute(SR, HR))
                .hasMessageContaining("crop");
        assertThatThrownBy(() -> Psnr.builder().optCrop(-1).build()).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Psnr.builder().optPeak(0).build()).hasMessageContaining("peak");
        FloatImage grey = new FloatImage(new float[16 * 16], 1, 16, 16, ValueRange.BYTE);
        assertThatThrownBy(() -> Psnr.builder().optChannels(ChannelMode.Y).build().compute(grey, grey))
                .hasMessageContaining("RGB");
        // grey images are fine on RGB mode
        assertThat(Psnr.builder().build().compute(grey, grey)).isInfinite();
    }

    private static float[] concat(FloatImage a, FloatImage b) {
        float[] out = new float[a.data().length + b.data().length];
        System.arraycopy(a.data(), 0, out, 0, a.data().length);
        System.arraycopy(b.data(), 0, out, a.data().length, b.data().length);
        return out;
    }
}
