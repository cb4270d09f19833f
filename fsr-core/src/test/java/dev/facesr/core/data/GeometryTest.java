package dev.facesr.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.core.degrade.FloatImage;
import java.awt.geom.AffineTransform;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Landmark schemes, flips, crop transforms and warps. */
class GeometryTest {

    @Test
    void mirrorMapsArePairedCorrectly() {
        int[] m = LandmarkScheme.POINTS_68.mirrorIndex();
        assertThat(m[0]).isEqualTo(16);
        assertThat(m[8]).isEqualTo(8);
        assertThat(m[17]).isEqualTo(26);
        assertThat(m[21]).isEqualTo(22);
        assertThat(m[27]).isEqualTo(27);
        assertThat(m[30]).isEqualTo(30);
        assertThat(m[31]).isEqualTo(35);
        assertThat(m[33]).isEqualTo(33);
        assertThat(m[36]).isEqualTo(45);
        assertThat(m[39]).isEqualTo(42);
        assertThat(m[40]).isEqualTo(47);
        assertThat(m[41]).isEqualTo(46);
        assertThat(m[48]).isEqualTo(54);
        assertThat(m[51]).isEqualTo(51);
        assertThat(m[57]).isEqualTo(57);
        assertThat(m[55]).isEqualTo(59);
        assertThat(m[60]).isEqualTo(64);
        assertThat(m[62]).isEqualTo(62);
        assertThat(m[66]).isEqualTo(66);
        assertThat(m[65]).isEqualTo(67);
        assertThat(LandmarkScheme.POINTS_5.mirrorIndex()).containsExactly(1, 0, 2, 4, 3);
        assertThatThrownBy(() -> new LandmarkScheme("bad", new int[] {1, 2, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flipMirrorsXAndSwapsSides() {
        // 5 points: left eye (20, 30), right eye (60, 31), nose, mouth corners, in a 80-px image
        Landmarks lm = new Landmarks(new float[] {20, 30, 60, 31, 40, 50, 25, 65, 55, 66});
        Landmarks f = lm.flipHorizontal(80, LandmarkScheme.POINTS_5);
        // new image-left eye is the old right eye, mirrored: 79 - 60 = 19
        assertThat(f.x(0)).isEqualTo(19f);
        assertThat(f.y(0)).isEqualTo(31f);
        assertThat(f.x(1)).isEqualTo(59f);
        assertThat(f.x(2)).isEqualTo(39f);
        assertThat(f.x(3)).isEqualTo(24f);
        assertThat(f.y(3)).isEqualTo(66f);
        assertThat(f.flipHorizontal(80, LandmarkScheme.POINTS_5)).isEqualTo(lm);
        assertThatThrownBy(() -> lm.flipHorizontal(80, LandmarkScheme.POINTS_68))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fsrnetPresetPutsTheMeanEyesWhereTheReadmeSays() throws Exception {
        CropPolicy p = CropPolicy.FSRNET_CELEBA_128;
        AffineTransform toSource = p.outputToSource(178, 218, FaceAugmentation.Draw.IDENTITY);
        Landmarks eyes = new Landmarks(new float[] {69.0f, 110.8f, 108.3f, 110.9f});
        Landmarks out = eyes.transform(toSource.createInverse());
        assertThat(out.x(0)).isCloseTo(46f, Offset.offset(0.5f));
        assertThat(out.y(0)).isCloseTo(46f, Offset.offset(0.5f));
        assertThat(out.x(1)).isCloseTo(83f, Offset.offset(0.7f));
        assertThat(out.y(1)).isCloseTo(46f, Offset.offset(1f));
        assertThat(out.x(1) - out.x(0)).isCloseTo(36.5f, Offset.offset(0.3f));
        // box edges land on output edges: source x = 19.5 (edge) -> output x = -0.5 (edge)
        double[] edge = new double[2];
        toSource.transform(new double[] {-0.5, -0.5}, 0, edge, 0, 1);
        assertThat(edge[0]).isCloseTo(19.5 - 0.5, Offset.offset(1e-9));
        assertThat(edge[1]).isCloseTo(57.6 - 0.5, Offset.offset(1e-9));
        assertThatThrownBy(() -> p.outputToSource(256, 256, FaceAugmentation.Draw.IDENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("178x218");
    }

    @Test
    void fullImageAtSourceSizeIsExactWithBilinear() {
        FloatImage src = pattern(3, 9, 7);
        CropPolicy p = CropPolicy.fullImage(7, 9).withResampling(Resampling.BILINEAR);
        FloatImage out = ImageWarp.warp(src, p.outputToSource(7, 9, FaceAugmentation.Draw.IDENTITY),
                7, 9, p.resampling(), p.border());
        for (int i = 0; i < src.data().length; i++) {
            assertThat(out.data()[i]).isCloseTo(src.data()[i], Offset.offset(1e-5f));
        }
    }

    @Test
    void areaHalvingIsTheBlockMean() {
        FloatImage src = pattern(1, 8, 8);
        FloatImage out = ImageWarp.warp(src,
                CropPolicy.fullImage(4, 4).outputToSource(8, 8, FaceAugmentation.Draw.IDENTITY),
                4, 4, Resampling.AREA, BorderMode.REFLECT);
        float mean = (src.get(0, 2, 4) + src.get(0, 2, 5) + src.get(0, 3, 4) + src.get(0, 3, 5)) / 4;
        assertThat(out.get(0, 1, 2)).isCloseTo(mean, Offset.offset(1e-5f));
    }

    @Test
    void borderModes() {
        assertThat(ImageWarp.index(-1, 5, BorderMode.REFLECT)).isEqualTo(1);
        assertThat(ImageWarp.index(5, 5, BorderMode.REFLECT)).isEqualTo(3);
        assertThat(ImageWarp.index(-3, 5, BorderMode.REPLICATE)).isEqualTo(0);
        assertThat(ImageWarp.index(7, 5, BorderMode.REPLICATE)).isEqualTo(4);
        assertThat(ImageWarp.index(-1, 5, BorderMode.ZERO)).isEqualTo(-1);
    }

    @Test
    void landmarksFollowTheImageUnderRotationScaleAndAspect() throws Exception {
        // a small bright blob at a known source point; after any crop + jitter its centroid must
        // sit where the transformed landmark says
        int w = 120;
        int h = 140;
        double px = 52.3;
        double py = 77.8;
        FloatImage src = new FloatImage(1, h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d2 = (x - px) * (x - px) + (y - py) * (y - py);
                src.set(0, y, x, (float) Math.exp(-d2 / (2 * 2.0 * 2.0)));
            }
        }
        CropPolicy p = CropPolicy.box(10, 20, 110, 130, 64, 72);
        FaceAugmentation aug = FaceAugmentation.builder()
                .optMaxRotationDegrees(15)
                .optScaleRange(0.9, 1.1)
                .optAspectRange(0.9, 1.1)
                .build();
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < 5; k++) {
            FaceAugmentation.Draw d = aug.draw(r);
            AffineTransform t = p.outputToSource(w, h, d);
            FloatImage out = ImageWarp.warp(src, t, 64, 72, Resampling.AREA, BorderMode.ZERO);
            Landmarks lm = new Landmarks(new float[] {(float) px, (float) py}).transform(t.createInverse());
            double sx = 0;
            double sy = 0;
            double s = 0;
            for (int y = 0; y < 72; y++) {
                for (int x = 0; x < 64; x++) {
                    double v = out.get(0, y, x);
                    sx += v * x;
                    sy += v * y;
                    s += v;
                }
            }
            assertThat(sx / s).isCloseTo(lm.x(0), Offset.offset(0.1));
            assertThat(sy / s).isCloseTo(lm.y(0), Offset.offset(0.1));
        }
    }

    @Test
    void augmentationValidatesAndDrawsInRange() {
        assertThatThrownBy(() -> FaceAugmentation.builder().optFlipProbability(2).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaceAugmentation.builder().optScaleRange(0, 1).build())
                .isInstanceOf(IllegalArgumentException.class);
        FaceAugmentation a = FaceAugmentation.faceSr();
        SplittableRandom r = new SplittableRandom(1);
        int flips = 0;
        for (int i = 0; i < 400; i++) {
            FaceAugmentation.Draw d = a.draw(r);
            assertThat(d.rotationDegrees()).isBetween(-15.0, 15.0);
            assertThat(d.aspect()).isBetween(0.9, 1.1);
            flips += d.flip() ? 1 : 0;
        }
        assertThat(flips).isBetween(150, 250);
        assertThat(FaceAugmentation.NONE.draw(r).keepsBox()).isTrue();
    }

    static FloatImage pattern(int c, int h, int w) {
        FloatImage im = new FloatImage(c, h, w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    im.set(ch, y, x, (float) (0.5 + 0.4 * Math.sin(0.7 * x + 0.3 * ch) * Math.cos(0.5 * y)));
                }
            }
        }
        return im;
    }
}
