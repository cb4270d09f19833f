package dev.facesr.models.facade.paste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.facade.image.Warp;
import org.junit.jupiter.api.Test;

class FeatheredPasterTest {

    private static final int W = 160;
    private static final int H = 140;
    private static final int SIDE = 64;
    /** The crop covers the target square x, y in [40, 120) at 1.25 target px per crop px. */
    private static final Affine2D CROP_TO_TARGET = new Affine2D(1.25, 0, 40 + 0.125, 0, 1.25, 30 + 0.125);

    private static FloatImage background() {
        float[] d = new float[3 * W * H];
        int n = W * H;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                d[i] = 50 + 100f * x / W + 20f * (float) Math.sin(y / 7.0);
                d[n + i] = 80 + 80f * y / H;
                d[2 * n + i] = 120 + 30f * (float) Math.cos(x / 9.0);
            }
        }
        return new FloatImage(d, 3, H, W, ValueRange.BYTE);
    }

    /** The background seen through the crop, shifted by a per-channel offset and gain. */
    private static FloatImage shiftedCrop(FloatImage bg, float[] gain, float[] offset) {
        FloatImage crop = Warp.affine(bg, CROP_TO_TARGET, SIDE, SIDE);
        float[] d = crop.data();
        int n = SIDE * SIDE;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                double mean = 128;
                d[c * n + i] = (float) ((d[c * n + i] - mean) * gain[c] + mean + offset[c]);
            }
        }
        return crop;
    }

    private static FloatImage copy(FloatImage f) {
        return new FloatImage(f.data().clone(), f.channels(), f.height(), f.width(), f.range());
    }

    @Test
    void pixelsOutsideTheFaceFootprintAreTheBackground() {
        FloatImage bg = background();
        FloatImage canvas = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.MEAN).pasteInto(canvas, shiftedCrop(bg, new float[] {1, 1, 1},
                new float[] {60, -40, 30}), CROP_TO_TARGET);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean outside = x < 39 || x > 120 || y < 29 || y > 110;
                    if (outside) {
                        assertThat(canvas.get(c, y, x)).isEqualTo(bg.get(c, y, x));
                    }
                }
            }
        }
        // and the centre was replaced (a MEAN match of a pure offset gives back the background,
        // so use NONE to see the face)
        FloatImage raw = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.NONE).pasteInto(raw, shiftedCrop(bg, new float[] {1, 1, 1},
                new float[] {60, -40, 30}), CROP_TO_TARGET);
        assertThat(raw.get(1, 70, 80) - bg.get(1, 70, 80)).isCloseTo(-40, within(1.0f));
    }

    @Test
    void featheringBoundsTheGradientAcrossTheMaskBorder() {
        FloatImage bg = background();
        FloatImage crop = shiftedCrop(bg, new float[] {1, 1, 1}, new float[] {40, 40, 40});
        FloatImage feathered = copy(bg);
        new FeatheredPaster(0.15, ColorMatching.NONE).pasteInto(feathered, crop, CROP_TO_TARGET);
        FloatImage hard = copy(bg);
        new FeatheredPaster(0, ColorMatching.NONE).pasteInto(hard, crop, CROP_TO_TARGET);
        double featheredJump = maxExtraStep(feathered, bg);
        double hardJump = maxExtraStep(hard, bg);
        // a hard paste jumps by the full offset; the feather spreads it over about 0.15*64*1.25 = 12 px,
        // and a smoothstep's steepest slope is 1.5x the mean: 40 / 12 * 1.5 = 5 levels per pixel
        assertThat(hardJump).isGreaterThan(30);
        assertThat(featheredJump).isLessThan(6);
    }

    @Test
    void colourMatchingRemovesADeliberateColourShift() {
        FloatImage bg = background();
        FloatImage castCrop = shiftedCrop(bg, new float[] {1, 1, 1}, new float[] {35, -25, 15});
        FloatImage matched = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.MEAN).pasteInto(matched, castCrop, CROP_TO_TARGET);
        FloatImage unmatched = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.NONE).pasteInto(unmatched, castCrop, CROP_TO_TARGET);
        // the cast averages 25 levels; the feathered mask averages about 0.65 over the footprint
        assertThat(meanAbsDiff(unmatched, bg)).isGreaterThan(12);
        assertThat(meanAbsDiff(matched, bg)).isLessThan(1.0);

        FloatImage contrastCrop = shiftedCrop(bg, new float[] {1.6f, 0.7f, 1.3f}, new float[] {20, 10, -20});
        FloatImage meanStd = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.MEAN_STD).pasteInto(meanStd, contrastCrop, CROP_TO_TARGET);
        FloatImage meanOnly = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.MEAN).pasteInto(meanOnly, contrastCrop, CROP_TO_TARGET);
        assertThat(meanAbsDiff(meanStd, bg)).isLessThan(1.5).isLessThan(meanAbsDiff(meanOnly, bg) / 2);
    }

    @Test
    void aShrunkCropIsReducedBeforePasting() {
        FloatImage bg = background();
        // crop covers 16 target px with 64 crop px: 0.25 target px per crop px
        Affine2D small = Affine2D.resampling(0.25).then(new Affine2D(1, 0, 60, 0, 1, 50));
        FloatImage crop = Warp.affine(bg, small, SIDE, SIDE);
        FloatImage canvas = copy(bg);
        new FeatheredPaster(0.1, ColorMatching.NONE).pasteInto(canvas, crop, small);
        assertThat(meanAbsDiff(canvas, bg)).isLessThan(0.5);
    }

    @Test
    void rejectsAFeatherOutOfRange() {
        assertThatThrownBy(() -> new FeatheredPaster(0.3, ColorMatching.MEAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 0.25]");
    }

    @Test
    void rampIsZeroAtTheEdgeAndOneInside() {
        assertThat(FeatheredPaster.ramp(0, 64, 8)).isZero();
        assertThat(FeatheredPaster.ramp(32, 64, 8)).isEqualTo(1);
        assertThat(FeatheredPaster.ramp(8, 64, 8)).isBetween(0.3, 0.7);
        assertThat(FeatheredPaster.ramp(0, 64, 0)).isEqualTo(1);
    }

    /** The largest neighbour step of {@code img} beyond the background's own step at the same place. */
    private static double maxExtraStep(FloatImage img, FloatImage bg) {
        double max = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 1; x < W; x++) {
                    double s = Math.abs(img.get(c, y, x) - img.get(c, y, x - 1));
                    double b = Math.abs(bg.get(c, y, x) - bg.get(c, y, x - 1));
                    max = Math.max(max, s - b);
                }
            }
        }
        return max;
    }

    private static double meanAbsDiff(FloatImage a, FloatImage b) {
        double s = 0;
        for (int i = 0; i < a.data().length; i++) {
            s += Math.abs(a.data()[i] - b.data()[i]);
        }
        // over the face footprint only: 80 x 80 px of the 160 x 140 image
        return s / (3 * 80 * 80);
    }
}
