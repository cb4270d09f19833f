package dev.facesr.models.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.core.pipeline.LandmarkEstimator;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.facade.FaceSRException.Reason;
import dev.facesr.models.facade.Fixtures.BicubicUpscaler;
import dev.facesr.models.facade.Fixtures.FakeDetector;
import dev.facesr.models.facade.image.RgbImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import dev.facesr.models.recognition.EmbedderId;
import dev.facesr.models.recognition.Gallery;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FaceSRTest {

    private static final Landmarks FACE_A = Fixtures.face(60, 50, 24, 8);
    private static final Landmarks FACE_B = Fixtures.face(150, 70, 30, -10);
    private static final FloatImage PHOTO = Fixtures.photo(200, 130, List.of(FACE_A, FACE_B)).quantizeToUint8();

    private static BufferedImage photo() {
        return ImageConversions.toBufferedImage(PHOTO);
    }

    private static FaceSR.Builder builder(List<Landmarks> faces, BicubicUpscaler upscaler) {
        // the synthetic faces are several times the 16 px framing: allow restoring them anyway
        return FaceSR.builder().optDetector(new FakeDetector(faces, true)).optUpscaler(upscaler)
                .optMaxFaceScale(1000);
    }

    @Test
    void facesLargerThanTheModelFramingKeepTheirBicubicEnlargement() {
        try (FaceSR sr = FaceSR.builder().optDetector(new FakeDetector(List.of(FACE_A), true))
                .optUpscaler(new BicubicUpscaler(16, 64)).build()) {
            UpscaleResult result = sr.upscale(photo());
            assertThat(result.faces()).hasSize(1);
            FaceResult face = result.faces().get(0);
            assertThat(face.status()).isEqualTo(FaceStatus.ALREADY_SHARP);
            assertThat(face.status().isPasted()).isFalse();
            assertThat(face.message()).get().asString().contains("optMaxFaceScale");
            FloatImage expected = bicubic(PHOTO, result.scale());
            FloatImage actual = pixels(result.image());
            // compare sizes and the first differing value, never a diff of two 400k-element arrays
            assertThat(actual.width()).isEqualTo(expected.width());
            assertThat(actual.height()).isEqualTo(expected.height());
            assertThat(java.util.Arrays.mismatch(actual.data(), expected.data())).as("first differing value").isEqualTo(-1);
        }
    }

    @Test
    void facesTooLargeForTheMainModelGoToTheLargeFaceModel() {
        // scale x eye distance is constant for the aligner: find the eye distance of a face twice
        // the 16 px framing (too large for the main model at the default limit 1.5) = the 32 px framing
        double k = dev.facesr.models.facade.align.SimilarityAligner.transform(Fixtures.face(0, 0, 24, 0), 16).scale() * 24;
        Landmarks big = Fixtures.face(100, 65, 2 * k, 0);
        Landmarks small = Fixtures.face(30, 30, k, 0);
        BufferedImage image = ImageConversions.toBufferedImage(
                Fixtures.photo(200, 130, List.of(big, small)).quantizeToUint8());
        try (FaceSR sr = FaceSR.builder().optDetector(new FakeDetector(List.of(big, small), true))
                .optUpscaler(new BicubicUpscaler(16, 64)).optLargeFaceUpscaler(new BicubicUpscaler(32, 128))
                .optScale(4).build()) {
            assertThat(sr.largeFaceUpscaler()).isPresent();
            List<FaceResult> faces = sr.upscale(image).faces();
            assertThat(faces).allSatisfy(f -> assertThat(f.status()).isEqualTo(FaceStatus.OK));
            assertThat(faces.get(0).alignedCrop()).get().extracting(BufferedImage::getWidth).isEqualTo(32);
            assertThat(faces.get(0).restoredCrop()).get().extracting(BufferedImage::getWidth).isEqualTo(128);
            assertThat(faces.get(1).alignedCrop()).get().extracting(BufferedImage::getWidth).isEqualTo(16);
            // the large face's crop maps onto the same output region whichever model restores it
            // (the template is symmetric: the crop's centre column lands on the face's centre column)
            double x = faces.get(0).cropToOutput().orElseThrow().applyX(63.5, 63.5);
            assertThat(x).isCloseTo((100 + 0.5) * 4 - 0.5, org.assertj.core.data.Offset.offset(4.0));
        }
        try (FaceSR sr = FaceSR.builder().optDetector(new FakeDetector(List.of(big), true))
                .optUpscaler(new BicubicUpscaler(16, 64)).optScale(4).build()) {
            FaceResult f = sr.upscale(image).faces().get(0);
            assertThat(f.status()).isEqualTo(FaceStatus.ALREADY_SHARP);
            assertThat(f.message()).get().asString().contains("2.0x");
        }
    }

    @Test
    void aLargeFaceUpscalerMustTakeLargerCrops() {
        assertThatThrownBy(() -> FaceSR.builder().optDetector(new FakeDetector(List.of(), true))
                .optUpscaler(new BicubicUpscaler(32, 128)).optLargeFaceUpscaler(new BicubicUpscaler(16, 64)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never be used");
        assertThatThrownBy(() -> FaceSR.builder().optUpscaler(new BicubicUpscaler(16, 64))
                .optLargeFaceUpscaler(new BicubicUpscaler(32, 128)).optLargeFaceModel("fsr-x4").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose one");
    }

    /** The bicubic enlargement FaceSR documents: MatlabResize float path by the scale, rounded to 8 bits. */
    private static FloatImage bicubic(FloatImage photo, double scale) {
        int h = MatlabResize.outputSize(photo.height(), scale);
        int w = MatlabResize.outputSize(photo.width(), scale);
        float[] d = MatlabResize.resizePlanes(photo.data(), 3, photo.height(), photo.width(), h, w, scale, scale);
        return new FloatImage(d, 3, h, w, ValueRange.BYTE).quantizeToUint8();
    }

    private static FloatImage pixels(BufferedImage img) {
        return ImageConversions.fromBufferedImage(img);
    }

    @Test
    void aPhotoWithoutFacesGivesTheBicubicEnlargementAndNoFaces() {
        try (FaceSR sr = builder(List.of(), new BicubicUpscaler(16, 64)).build()) {
            UpscaleResult r = sr.upscale(photo());
            assertThat(r.faces()).isEmpty();
            assertThat(r.scale()).isEqualTo(4.0);
            assertThat(r.image().getWidth()).isEqualTo(800);
            assertThat(r.image().getHeight()).isEqualTo(520);
            assertThat(pixels(r.image())).isEqualTo(bicubic(PHOTO, 4));
        }
    }

    @Test
    void facesAreRestoredAndPastedWhileTheRestStaysBicubic() {
        BicubicUpscaler upscaler = new BicubicUpscaler(16, 64, false, 60f);
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), upscaler).optColorMatching(false).build()) {
            UpscaleResult r = sr.upscale(photo());
            assertThat(r.faces()).hasSize(2).allSatisfy(f -> {
                assertThat(f.status()).isEqualTo(FaceStatus.OK);
                assertThat(f.alignedCrop()).get().extracting(BufferedImage::getWidth).isEqualTo(16);
                assertThat(f.restoredCrop()).get().extracting(BufferedImage::getWidth).isEqualTo(64);
                assertThat(f.cropToOutput()).isPresent();
                assertThat(f.embedding()).isEmpty();
            });
            assertThat(r.faces().get(1).landmarks()).contains(FACE_B);
            FloatImage out = pixels(r.image());
            FloatImage bg = bicubic(PHOTO, 4);
            // far from both faces (top-right corner and bottom-left corner): the bicubic background
            for (int[] p : new int[][] {{790, 5}, {5, 515}, {400, 510}}) {
                for (int c = 0; c < 3; c++) {
                    assertThat(out.get(c, p[1], p[0])).isEqualTo(bg.get(c, p[1], p[0]));
                }
            }
            // on face A's nose (photo (60, 62) -> output ~(242, 250)): the +60 restored face shows
            Landmarks nose = FACE_A;
            int x = (int) Math.round((nose.x(2) + 0.5) * 4 - 0.5);
            int y = (int) Math.round((nose.y(2) + 0.5) * 4 - 0.5);
            assertThat(out.get(1, y, x) - bg.get(1, y, x)).isGreaterThan(30);
        }
    }

    @Test
    void withABicubicUpscalerAndColourMatchingThePasteIsSeamless() {
        double[] matched = differenceFromBicubic(true);
        double[] unmatched = differenceFromBicubic(false);
        // the restored faces are bicubic re-renderings of the same pixels (through a 32 px crop, so
        // a little blurrier) with a +25 cast: colour matching removes the cast, and the feathered
        // mask leaves no jump at the border
        assertThat(matched[0]).isLessThan(3.0).isLessThan(unmatched[0] / 2);
        // a hard paste of the +25 cast would step by 25 at the border; what remains are the
        // blur differences at the drawn faces' sharp edges
        assertThat(matched[1]).isLessThan(25);
        assertThat(unmatched[1]).isLessThan(25);
    }

    /** Returns {mean |out - bicubic|, largest extra horizontal step} with matching on or off. */
    private static double[] differenceFromBicubic(boolean colourMatching) {
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(32, 128, false, 25f))
                .optColorMatching(colourMatching).build()) {
            FloatImage out = pixels(sr.upscale(photo()).image());
            FloatImage bg = bicubic(PHOTO, 4);
            double sum = 0;
            double maxExtraStep = 0;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 1; x < out.width(); x++) {
                        sum += Math.abs(out.get(c, y, x) - bg.get(c, y, x));
                        double step = Math.abs(out.get(c, y, x) - out.get(c, y, x - 1))
                                - Math.abs(bg.get(c, y, x) - bg.get(c, y, x - 1));
                        maxExtraStep = Math.max(maxExtraStep, step);
                    }
                }
            }
            return new double[] {sum / out.data().length, maxExtraStep};
        }
    }

    @Test
    void aCustomPasterGoesThroughTheInterfaceAndGivesTheSameImage() {
        dev.facesr.models.facade.paste.FeatheredPaster inner =
                new dev.facesr.models.facade.paste.FeatheredPaster(0.08, dev.facesr.models.facade.paste.ColorMatching.MEAN);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        dev.facesr.core.pipeline.FacePaster wrapped = (target, faces) -> {
            calls.incrementAndGet();
            return inner.paste(target, faces);
        };
        FloatImage viaInterface;
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(16, 64, false, 20f)).optPaster(wrapped)
                .build()) {
            viaInterface = pixels(sr.upscale(photo()).image());
        }
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(16, 64, false, 20f)).build()) {
            // the interface path rounds the enlarged photo to 8 bits before pasting: at most 1 level apart
            float[] fast = pixels(sr.upscale(photo()).image()).data();
            double maxDiff = 0;
            for (int i = 0; i < fast.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(fast[i] - viaInterface.data()[i]));
            }
            assertThat(maxDiff).isLessThanOrEqualTo(1.0);
            assertThat(sr.upscaleAll(List.of())).isEmpty();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFacePartlyOutsideThePhotoIsRestoredFromTheEdgePixels() {
        Landmarks corner = Fixtures.face(8, 10, 26, 0);
        try (FaceSR sr = builder(List.of(corner), new BicubicUpscaler(16, 64)).build()) {
            UpscaleResult r = sr.upscale(photo());
            assertThat(r.faces()).singleElement().extracting(FaceResult::status).isEqualTo(FaceStatus.OK);
            FloatImage out = pixels(r.image());
            FloatImage bg = bicubic(PHOTO, 4);
            // the far side of the photo is untouched
            assertThat(out.get(0, 500, 780)).isEqualTo(bg.get(0, 500, 780));
        }
    }

    @Test
    void facesOfSeveralPhotosAreBatchedTogether() {
        BicubicUpscaler upscaler = new BicubicUpscaler(16, 32);
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), upscaler).optBatchSize(3).optScale(2).build()) {
            List<UpscaleResult> all = sr.upscaleAll(List.of(PhotoInput.of(photo()), PhotoInput.of(photo())));
            assertThat(all).hasSize(2);
            assertThat(upscaler.batchSizes).containsExactly(3, 1);
            assertThat(all.get(0).image().getWidth()).isEqualTo(400);
            assertThat(pixels(all.get(0).image())).isEqualTo(pixels(all.get(1).image()));
        }
    }

    @Test
    void aFailingUpscalerKeepsTheOriginalOrThrowsByPolicy() {
        try (FaceSR sr = builder(List.of(FACE_A), new BicubicUpscaler(16, 64, true, 0)).build()) {
            UpscaleResult r = sr.upscale(photo());
            assertThat(r.faces()).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(FaceStatus.UPSCALER_FAILED);
                assertThat(f.message()).get().asString().contains("deliberate test failure");
                assertThat(f.restoredCrop()).isEmpty();
            });
            assertThat(pixels(r.image())).isEqualTo(bicubic(PHOTO, 4));
        }
        try (FaceSR sr = builder(List.of(FACE_A), new BicubicUpscaler(16, 64, true, 0))
                .optFailurePolicy(FailurePolicy.THROW).build()) {
            assertThatThrownBy(() -> sr.upscale(photo())).isInstanceOfSatisfying(FaceSRException.class,
                    e -> {
                        assertThat(e.reason()).isEqualTo(Reason.FACE_FAILED);
                        assertThat(e.getMessage()).contains("face 0").contains("KEEP_ORIGINAL");
                    });
        }
    }

    @Test
    void facesWithoutLandmarksUseTheEstimatorOrAreReported() {
        try (FaceSR sr = FaceSR.builder().optDetector(new FakeDetector(List.of(FACE_A), false))
                .optUpscaler(new BicubicUpscaler(16, 64)).build()) {
            assertThat(sr.upscale(photo()).faces()).singleElement()
                    .extracting(FaceResult::status).isEqualTo(FaceStatus.NO_LANDMARKS);
        }
        LandmarkEstimator estimator = new LandmarkEstimator() {
            @Override
            public int pointCount() {
                return 5;
            }

            @Override
            public Landmarks estimate(Image photo, BoundingBox box) {
                return FACE_A;
            }
        };
        try (FaceSR sr = FaceSR.builder().optDetector(new FakeDetector(List.of(FACE_A), false))
                .optLandmarkEstimator(estimator).optUpscaler(new BicubicUpscaler(16, 64))
                .optMaxFaceScale(1000).build()) {
            FaceResult f = sr.upscale(photo()).faces().get(0);
            assertThat(f.status()).isEqualTo(FaceStatus.OK);
            assertThat(f.landmarks()).contains(FACE_A);
        }
    }

    @Test
    void theEmbedderHookGivesEachRestoredFaceAnEmbedding() {
        AtomicBoolean closed = new AtomicBoolean();
        FaceEmbedder meanColour = meanColourEmbedder(closed);
        FaceSR sr = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(16, 64)).optEmbedder(meanColour).build();
        List<FaceResult> faces = sr.upscale(photo()).faces();
        assertThat(faces).allSatisfy(f -> assertThat(f.embedding()).get().satisfies(e -> {
            assertThat(e).hasSize(3);
            assertThat(e[0]).isGreaterThan(50);
        }));
        sr.close();
        assertThat(closed).isTrue();
    }

    /** The mean colour of the crop: a 3-d embedding that is the same for the same restored face. */
    private static FaceEmbedder meanColourEmbedder() {
        return meanColourEmbedder(new AtomicBoolean());
    }

    private static FaceEmbedder meanColourEmbedder(AtomicBoolean closed) {
        return new FaceEmbedder() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public float[] embed(Image crop) {
                FloatImage f = RgbImages.fromDjl(crop);
                float[] m = new float[3];
                int n = f.width() * f.height();
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < n; i++) {
                        m[c] += f.data()[c * n + i] / n;
                    }
                }
                return m;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }

    @Test
    void aGalleryNamesTheRestoredFacesThatMatchAtItsThreshold() {
        float[] faceA;
        try (FaceSR plain = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(16, 64))
                .optEmbedder(meanColourEmbedder()).build()) {
            faceA = plain.upscale(photo()).faces().get(0).embedding().orElseThrow();
        }
        EmbedderId space = new EmbedderId("mean-colour", 3);
        Gallery known = Gallery.empty(space).withEnrolled("ada", List.of(faceA))
                .withEnrolled("nobody", List.of(new float[] {-1, 0.2f, 0})).withThreshold(0.999);
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(16, 64))
                .optEmbedder(meanColourEmbedder()).optGallery(known).build()) {
            FaceResult first = sr.upscale(photo()).faces().get(0);
            assertThat(first.identity()).get().satisfies(c -> {
                assertThat(c.name()).isEqualTo("ada");
                assertThat(c.score()).isGreaterThan(0.9999);
            });
        }
        Gallery strangers = Gallery.empty(space).withEnrolled("nobody", List.of(new float[] {-1, 0.2f, 0}))
                .withThreshold(0.5);
        try (FaceSR sr = builder(List.of(FACE_A, FACE_B), new BicubicUpscaler(16, 64))
                .optEmbedder(meanColourEmbedder()).optGallery(strangers).build()) {
            assertThat(sr.upscale(photo()).faces()).allSatisfy(f -> {
                assertThat(f.embedding()).isPresent();
                assertThat(f.identity()).isEmpty();
            });
        }
        assertThatThrownBy(() -> builder(List.of(FACE_A), new BicubicUpscaler(16, 64)).optGallery(known).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs optEmbedder");
        Gallery other = Gallery.empty(new EmbedderId("other", 5)).withThreshold(0.5);
        assertThatThrownBy(() -> builder(List.of(FACE_A), new BicubicUpscaler(16, 64))
                .optEmbedder(meanColourEmbedder()).optGallery(other).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5-d").hasMessageContaining("3-d");
        assertThatThrownBy(() -> builder(List.of(FACE_A), new BicubicUpscaler(16, 64))
                .optEmbedder(meanColourEmbedder()).optGallery(Gallery.empty(space)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no decision threshold");
    }

    @Test
    void upscaleAlignedRestoresCropsWithoutDetection() {
        FakeDetector detector = new FakeDetector(List.of(FACE_A), true);
        try (FaceSR sr = FaceSR.builder().optDetector(detector).optUpscaler(new BicubicUpscaler(16, 64)).build()) {
            BufferedImage crop = ImageConversions.toBufferedImage(Fixtures.photo(16, 16, List.of()));
            assertThat(sr.upscaleAligned(crop).getWidth()).isEqualTo(64);
            // another size is resized to the input size first
            BufferedImage big = ImageConversions.toBufferedImage(Fixtures.photo(40, 40, List.of()));
            List<BufferedImage> out = sr.upscaleAlignedAll(List.of(PhotoInput.of(crop), PhotoInput.of(big)));
            assertThat(out).extracting(BufferedImage::getHeight).containsExactly(64, 64);
            assertThat(detector.calls).hasValue(0);
        }
    }

    @Test
    void badInputsGiveTheirReasonAndNameTheEntry() {
        try (FaceSR sr = builder(List.of(FACE_A), new BicubicUpscaler(16, 64)).optMaxInputPixels(50_000).build()) {
            assertThatThrownBy(() -> sr.upscale(new byte[] {1, 2, 3})).isInstanceOfSatisfying(FaceSRException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
            assertThatThrownBy(() -> sr.upscale(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB)))
                    .isInstanceOfSatisfying(FaceSRException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE));
            assertThatThrownBy(() -> sr.upscaleAll(List.of(PhotoInput.of(photo()), PhotoInput.of(new byte[0]))))
                    .isInstanceOfSatisfying(FaceSRException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.EMPTY_INPUT);
                        assertThat(e.getMessage()).contains("entry 1");
                    });
        }
        try (FaceSR sr = builder(List.of(), new BicubicUpscaler(16, 64)).optMaxOutputPixels(100_000).build()) {
            assertThatThrownBy(() -> sr.upscale(photo())).isInstanceOfSatisfying(FaceSRException.class,
                    e -> assertThat(e.getMessage()).contains("IMAGE_TOO_LARGE").contains("optMaxOutputPixels"));
        }
    }

    @Test
    void withoutADetectorTheOfflineHaarDetectorIsUsed() {
        BicubicUpscaler up = new BicubicUpscaler(16, 64);
        try (FaceSR sr = FaceSR.builder().optUpscaler(up).optScale(2).build()) {
            // a flat grey photo: no face, so the bicubic-enlarged photo and no face records
            BufferedImage flat = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = flat.createGraphics();
            g.setColor(java.awt.Color.GRAY);
            g.fillRect(0, 0, 60, 40);
            g.dispose();
            UpscaleResult result = sr.upscale(flat);
            assertThat(result.faces()).isEmpty();
            assertThat(result.image().getWidth()).isEqualTo(120);
        }
    }

    @Test
    void theBuilderRejectsBadSettingsWithAMessageSayingWhatToChange() {
        BicubicUpscaler up = new BicubicUpscaler(16, 64);
        FakeDetector det = new FakeDetector(List.of(), true);
        expectBuildError(b -> b.optDetector(det).optModel("no-such-model"), "no-such-model");
        expectBuildError(b -> b.optDetector(det).optModel("fsr-x8").optUpscaler(up), "choose one");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optScale(0.5), "optScale");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optScale(Double.NaN), "optScale");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optBatchSize(0), "optBatchSize");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optMaxFaceScale(0.5), "optMaxFaceScale");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optFeather(0.5), "optFeather");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optMaxInputPixels(3), "optMaxInputPixels");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optMaxOutputPixels(Long.MAX_VALUE),
                "optMaxOutputPixels");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optFailurePolicy(null), "optFailurePolicy");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optTestTimeAugmentation(null), "optTestTimeAugmentation");
        expectBuildError(b -> b.optDetector(det).optUpscaler(up)
                .optTestTimeAugmentation(dev.facesr.models.zoo.TestTimeAugmentation.FLIP), "loaded by name");
        expectBuildError(b -> b.optDetector(det).optUpscaler(new BicubicUpscaler(16, 8)), "output");
        LandmarkEstimator seven = new LandmarkEstimator() {
            @Override
            public int pointCount() {
                return 7;
            }

            @Override
            public Landmarks estimate(Image photo, BoundingBox box) {
                throw new UnsupportedOperationException();
            }
        };
        expectBuildError(b -> b.optDetector(det).optUpscaler(up).optLandmarkEstimator(seven), "5 or 68");
    }

    private static void expectBuildError(Consumer<FaceSR.Builder> settings, String mentions) {
        FaceSR.Builder b = FaceSR.builder();
        settings.accept(b);
        assertThatThrownBy(b::build).isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class)
                .hasMessageContaining(mentions);
    }

    @Test
    void closeClosesTheComponentsAndLaterCallsFailClearly() {
        FakeDetector detector = new FakeDetector(List.of(FACE_A), true);
        BicubicUpscaler upscaler = new BicubicUpscaler(16, 64);
        FaceSR sr = FaceSR.builder().optDetector(detector).optUpscaler(upscaler).build();
        sr.upscale(photo());
        sr.close();
        sr.close();
        assertThat(detector.closed).isTrue();
        assertThat(upscaler.closed).isTrue();
        assertThatThrownBy(() -> sr.upscale(photo())).isInstanceOfSatisfying(FaceSRException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CLOSED);
            assertThat(e.getMessage()).contains("closed");
        });
        assertThatThrownBy(() -> sr.upscaleAligned(photo())).isInstanceOf(FaceSRException.class);
    }

    @Test
    void concurrentCallsOnARealGeneratorGiveTheSequentialResults() throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Landmarks a = Fixtures.face(50 + 5 * i, 50, 22 + i, 4 * i);
            Landmarks b = Fixtures.face(140, 60 + 3 * i, 26, -6);
            photos.add(ImageConversions.toBufferedImage(Fixtures.photo(190, 120, List.of(a, b))));
        }
        // the fake detector returns the same two faces for every photo
        FakeDetector detector = new FakeDetector(List.of(FACE_A, FACE_B), true);
        try (FaceSR sr = FaceSR.builder().optDetector(detector).optUpscaler(new GeneratorUpscaler(16, 2))
                .optScale(2).optMaxFaceScale(1000).build()) {
            List<FloatImage> sequential = new ArrayList<>();
            for (BufferedImage p : photos) {
                UpscaleResult r = sr.upscale(p);
                assertThat(r.faces()).extracting(FaceResult::status).containsOnly(FaceStatus.OK);
                // the random generator really produces an image (not a constant the comparison would miss)
                FloatImage restored = pixels(r.faces().get(0).restoredCrop().orElseThrow());
                float[] d = restored.data();
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (float v : d) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                assertThat(max - min).isGreaterThan(5);
                sequential.add(pixels(r.image()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<FloatImage>> futures = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (BufferedImage p : photos) {
                        futures.add(pool.submit(() -> pixels(sr.upscale(p).image())));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).as("photo %d", i % 4)
                            .isEqualTo(sequential.get(i % 4));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
