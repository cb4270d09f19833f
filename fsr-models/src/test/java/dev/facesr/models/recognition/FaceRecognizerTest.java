package dev.facesr.models.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.FaceSRException;
import dev.facesr.models.facade.Fixtures;
import dev.facesr.models.facade.PhotoInput;
import dev.facesr.models.facade.align.FaceTemplate;
import dev.facesr.models.recognition.RecognitionException.Reason;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceRecognizerTest {
    static final int PEOPLE = 5;

    static FaceInput hr(int person, int variant) {
        return FaceInput.aligned(SyntheticFaces.face(person, variant, 128));
    }

    static FaceInput lr(int person, int variant) {
        return FaceInput.aligned(SyntheticFaces.lowRes(person, variant, 16));
    }

    static FaceRecognizer.Builder base() {
        return FaceRecognizer.builder().setEmbedder(new ProjectionEmbedder(), "test-projection").optThreshold(0.6);
    }

    static FaceRecognizer enrolled(FaceRecognizer.Builder b) {
        FaceRecognizer r = b.build();
        for (int p = 0; p < PEOPLE; p++) {
            r.enroll("person" + p, hr(p, 0), hr(p, 1));
        }
        return r;
    }

    @Test
    void identifiesEveryEnrolledPersonFromANewImage() {
        try (FaceRecognizer r = enrolled(base())) {
            for (int p = 0; p < PEOPLE; p++) {
                Identification id = r.identify(hr(p, 9), 3);
                assertThat(id.candidates()).hasSize(3);
                assertThat(id.best().orElseThrow().name()).isEqualTo("person" + p);
                assertThat(id.accepted()).isTrue();
                assertThat(id.match()).isPresent();
                assertThat(id.candidates().get(0).score()).isGreaterThan(id.candidates().get(1).score());
                assertThat(id.candidates().get(1).score()).isGreaterThanOrEqualTo(id.candidates().get(2).score());
                assertThat(id.candidates().get(1).score()).isLessThan(0.6);
                assertThat(id.gallerySize()).isEqualTo(PEOPLE);
                assertThat(id.probe().lowResolution()).isFalse();
            }
        }
    }

    @Test
    void unknownPersonIsRankedButNotAccepted() {
        try (FaceRecognizer r = enrolled(base())) {
            Identification id = r.identify(hr(99, 0), 10);
            assertThat(id.candidates()).hasSize(PEOPLE);
            assertThat(id.accepted()).isFalse();
            assertThat(id.match()).isEmpty();
        }
    }

    @Test
    void verifySameAndDifferentPeople() {
        try (FaceRecognizer r = base().build()) {
            Verification same = r.verify(hr(1, 0), hr(1, 5));
            Verification diff = r.verify(hr(1, 0), hr(2, 0));
            assertThat(same.samePerson()).isTrue();
            assertThat(same.score()).isGreaterThan(0.9);
            assertThat(diff.samePerson()).isFalse();
            assertThat(diff.score()).isLessThan(0.6);
            assertThat(same.threshold()).isEqualTo(0.6);
        }
    }

    @Test
    void enrolmentKeepsEachImageAndAveragesTheTemplate() {
        try (FaceRecognizer r = base().build()) {
            r.enroll("a", hr(0, 0));
            Identity a = r.enroll("a", hr(0, 1), hr(0, 2));
            assertThat(a.imageCount()).isEqualTo(3);
            float[] expected = new float[32];
            for (int i = 0; i < 3; i++) {
                float[] e = a.embedding(i);
                assertThat(norm(e)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
                for (int j = 0; j < 32; j++) {
                    expected[j] += e[j];
                }
            }
            float[] t = a.template();
            double n = norm(expected);
            for (int j = 0; j < 32; j++) {
                assertThat((double) t[j]).isCloseTo(expected[j] / n, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(r.names()).containsExactly("a");
        }
    }

    @Test
    void removeAndNames() {
        try (FaceRecognizer r = enrolled(base())) {
            assertThat(r.names()).containsExactly("person0", "person1", "person2", "person3", "person4");
            assertThat(r.remove("person2")).isTrue();
            assertThat(r.remove("person2")).isFalse();
            assertThat(r.names()).doesNotContain("person2").hasSize(4);
            assertThat(r.identify(hr(2, 9), 5).candidates()).extracting(Candidate::name).doesNotContain("person2");
        }
    }

    @Test
    void failedEnrolmentChangesNothing() {
        try (FaceRecognizer r = enrolled(base())) {
            assertThatThrownBy(() -> r.enroll("new", hr(7, 0), FaceInput.aligned(PhotoInput.of(new byte[0]))))
                    .isInstanceOf(FaceSRException.class);
            assertThat(r.names()).doesNotContain("new");
            assertThatThrownBy(() -> r.enroll(" padded", hr(7, 0))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("person name");
            assertThatThrownBy(() -> r.enroll("x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one image");
        }
    }

    @Test
    void lowResolutionProbesUseTheChosenStrategy() {
        ProjectionEmbedder teacher = new ProjectionEmbedder();
        ProjectionEmbedder student = new ProjectionEmbedder(); // same space: same projection
        Fixtures.BicubicUpscaler upscaler = new Fixtures.BicubicUpscaler(16, 128);
        try (FaceRecognizer r = enrolled(FaceRecognizer.builder().setEmbedder(teacher, "test-projection")
                .optLowResolutionEmbedder(student).optUpscaler(upscaler).optThreshold(0.6))) {
            assertThat(r.defaultStrategy()).isEqualTo(LowResolutionStrategy.STUDENT);
            for (LowResolutionStrategy s : LowResolutionStrategy.values()) {
                for (int p = 0; p < PEOPLE; p++) {
                    int studentCalls = student.calls.get();
                    int upscalerCalls = upscaler.batchSizes.size();
                    Identification id = r.identify(lr(p, 4), 1, s);
                    assertThat(id.match().map(Candidate::name)).as(s + " person " + p).contains("person" + p);
                    assertThat(id.probe().strategy()).contains(s);
                    assertThat(id.probe().faceSize()).isEqualTo(16);
                    assertThat(student.calls.get() - studentCalls).isEqualTo(s == LowResolutionStrategy.STUDENT ? 1 : 0);
                    assertThat(upscaler.batchSizes.size() - upscalerCalls)
                            .isEqualTo(s == LowResolutionStrategy.SUPER_RESOLVE ? 1 : 0);
                    if (s == LowResolutionStrategy.STUDENT) {
                        assertThat(student.lastWidth).isEqualTo(16);
                    } else {
                        assertThat(teacher.lastWidth).isEqualTo(128);
                    }
                }
            }
            // at the threshold a face is high resolution: no strategy, the teacher embeds it
            assertThat(r.identify(FaceInput.aligned(SyntheticFaces.lowRes(1, 0, 32)), 1).probe().strategy()).isEmpty();
        }
        assertThat(teacher.closed).isTrue();
        assertThat(student.closed).isTrue();
        assertThat(upscaler.closed).isTrue();
    }

    @Test
    void superResolutionThroughAFaceSR() {
        Fixtures.BicubicUpscaler upscaler = new Fixtures.BicubicUpscaler(16, 128);
        FaceSR sr = FaceSR.builder().optDetector(new Fixtures.FakeDetector(List.of(), true)).optUpscaler(upscaler).build();
        try (FaceRecognizer r = enrolled(base().optSuperResolution(sr))) {
            assertThat(r.defaultStrategy()).isEqualTo(LowResolutionStrategy.SUPER_RESOLVE);
            Identification id = r.identify(lr(3, 2), 2);
            assertThat(id.match().map(Candidate::name)).contains("person3");
            assertThat(upscaler.batchSizes).containsExactly(1);
        }
        assertThat(upscaler.closed).isTrue();
    }

    @Test
    void unavailableStrategyIsAClearError() {
        try (FaceRecognizer r = enrolled(base())) {
            assertThat(r.defaultStrategy()).isEqualTo(LowResolutionStrategy.BICUBIC);
            assertThat(r.supports(LowResolutionStrategy.STUDENT)).isFalse();
            assertThatThrownBy(() -> r.identify(lr(0, 0), 1, LowResolutionStrategy.STUDENT))
                    .isInstanceOfSatisfying(RecognitionException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.STRATEGY_UNAVAILABLE))
                    .hasMessageContaining("16 px").hasMessageContaining("optLowResolutionEmbedder");
            assertThatThrownBy(() -> r.verify(lr(0, 0), hr(0, 0), LowResolutionStrategy.SUPER_RESOLVE))
                    .hasMessageContaining("optUpscaler");
            // HR probes never need a strategy's component
            assertThat(r.identify(hr(0, 3), 1, LowResolutionStrategy.STUDENT).accepted()).isTrue();
        }
    }

    @Test
    void identifyAndVerifyNeedAThreshold() {
        try (FaceRecognizer r = FaceRecognizer.builder().setEmbedder(new ProjectionEmbedder(), "m").build()) {
            r.enroll("a", hr(0, 0));
            assertThatThrownBy(() -> r.identify(hr(0, 1), 1))
                    .isInstanceOfSatisfying(RecognitionException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NO_THRESHOLD))
                    .hasMessageContaining("ThresholdCalibration");
            assertThatThrownBy(() -> r.verify(hr(0, 1), hr(0, 2))).hasMessageContaining("NO_THRESHOLD");
            assertThat(r.similarity(hr(0, 1), hr(0, 2), LowResolutionStrategy.BICUBIC)).isGreaterThan(0.9);
            r.setThreshold(0.5);
            assertThat(r.threshold()).hasValue(0.5);
            assertThat(r.identify(hr(0, 1), 1).accepted()).isTrue();
            assertThatThrownBy(() -> r.setThreshold(1.5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void badEmbedderOutputIsAnEmbeddingFailure() {
        ProjectionEmbedder real = new ProjectionEmbedder();
        dev.facesr.core.pipeline.FaceEmbedder zero = new dev.facesr.core.pipeline.FaceEmbedder() {
            @Override
            public int dimension() {
                return 32;
            }

            @Override
            public float[] embed(ai.djl.modality.cv.Image crop) {
                return new float[32];
            }
        };
        dev.facesr.core.pipeline.FaceEmbedder shortOne = new dev.facesr.core.pipeline.FaceEmbedder() {
            @Override
            public int dimension() {
                return 32;
            }

            @Override
            public float[] embed(ai.djl.modality.cv.Image crop) {
                return new float[] {1, 2};
            }
        };
        for (var e : List.of(zero, shortOne)) {
            try (FaceRecognizer r = FaceRecognizer.builder().setEmbedder(e, "bad").optThreshold(0.5).build()) {
                assertThatThrownBy(() -> r.enroll("a", hr(0, 0)))
                        .isInstanceOfSatisfying(RecognitionException.class,
                                x -> assertThat(x.reason()).isEqualTo(Reason.EMBEDDING_FAILED))
                        .hasMessageMatching("(?s).*(zero vector|2 values, expected 32).*");
            }
        }
        real.close();
    }

    @Test
    void wholePhotosGoThroughTheDetectorAndAligner() {
        // the HR face pasted unscaled at (40, 30) of a photo: its landmarks are the template shifted
        BufferedImage face = SyntheticFaces.face(2, 7, 128);
        BufferedImage photo = new BufferedImage(220, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.drawImage(face, 40, 30, null);
        g.dispose();
        Landmarks points = FaceTemplate.reference128().transform(new Affine2D(1, 0, 40, 0, 1, 30));
        // and a 16 px face in a small photo: low resolution
        BufferedImage small = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = small.createGraphics();
        g2.drawImage(SyntheticFaces.lowRes(2, 8, 16), 10, 12, null);
        g2.dispose();
        Landmarks smallPoints = FaceTemplate.forSize(16).transform(new Affine2D(1, 0, 10, 0, 1, 12));
        Fixtures.FakeDetector big = new Fixtures.FakeDetector(List.of(points), true);
        try (FaceRecognizer r = enrolled(base().optDetector(big))) {
            Identification id = r.identify(FaceInput.photo(photo), 1);
            assertThat(id.match().map(Candidate::name)).contains("person2");
            assertThat(id.probe().faceSize()).isEqualTo(128);
            assertThat(big.calls.get()).isEqualTo(1);
        }
        assertThat(big.closed).isTrue();
        try (FaceRecognizer r = enrolled(base().optDetector(new Fixtures.FakeDetector(List.of(smallPoints), true)))) {
            Identification id = r.identify(FaceInput.photo(small), 1);
            assertThat(id.probe().faceSize()).isEqualTo(16);
            assertThat(id.probe().strategy()).contains(LowResolutionStrategy.BICUBIC);
            assertThat(id.match().map(Candidate::name)).contains("person2");
        }
        try (FaceRecognizer r = enrolled(base().optDetector(new Fixtures.FakeDetector(List.of(points), false)))) {
            assertThatThrownBy(() -> r.identify(FaceInput.photo(photo), 1))
                    .isInstanceOfSatisfying(RecognitionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_FACE))
                    .hasMessageContaining("1 without landmarks");
        }
        try (FaceRecognizer r = enrolled(base())) {
            assertThatThrownBy(() -> r.identify(FaceInput.photo(photo), 1))
                    .hasMessageContaining("optDetector").hasMessageContaining("FaceInput.aligned");
        }
    }

    @Test
    void builderRejections() {
        ProjectionEmbedder e = new ProjectionEmbedder();
        assertThatThrownBy(() -> FaceRecognizer.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setEmbedder");
        assertThatThrownBy(() -> FaceRecognizer.builder().setEmbedder(e, null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("model name");
        assertThatThrownBy(() -> FaceRecognizer.builder().setEmbedder(e, " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setEmbedder");
        assertThatThrownBy(() -> base().optLowResolutionEmbedder(new ProjectionEmbedder(16, 1)).build())
                .hasMessageContaining("16-d").hasMessageContaining("32-d");
        assertThatThrownBy(() -> base().optUpscaler(new Fixtures.BicubicUpscaler(16, 128))
                .optSuperResolution(FaceSR.builder().optDetector(new Fixtures.FakeDetector(List.of(), true))
                        .optUpscaler(new Fixtures.BicubicUpscaler(16, 128)).build()).build())
                .hasMessageContaining("only one");
        assertThatThrownBy(() -> base().optLowResolutionThreshold(2).build()).hasMessageContaining("optLowResolutionThreshold");
        assertThatThrownBy(() -> base().optLowResolutionThreshold(200).build()).hasMessageContaining("[4, 128]");
        assertThatThrownBy(() -> base().optHighResolutionSize(8).build()).hasMessageContaining("optHighResolutionSize");
        assertThatThrownBy(() -> base().optThreshold(Double.NaN).build()).hasMessageContaining("optThreshold");
        assertThatThrownBy(() -> base().optThreshold(-1.01).build()).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> base().optLowResolutionStrategy(LowResolutionStrategy.STUDENT).build())
                .hasMessageContaining("optLowResolutionEmbedder");
        assertThatThrownBy(() -> base().optLowResolutionStrategy(LowResolutionStrategy.SUPER_RESOLVE).build())
                .hasMessageContaining("optUpscaler");
        assertThatThrownBy(() -> base().optLowResolutionStrategy(null).build()).hasMessageContaining("BICUBIC");
        assertThatThrownBy(() -> base().optGallery(Gallery.empty(new EmbedderId("other", 32))).build())
                .hasMessageContaining("other (32-d)").hasMessageContaining("test-projection (32-d)");
        assertThatThrownBy(() -> base().optMaxInputPixels(3).build()).hasMessageContaining("optMaxInputPixels");
        try (FaceRecognizer r = base().build()) {
            assertThatThrownBy(() -> r.identify(hr(0, 0), 0)).hasMessageContaining("k must be at least 1");
        }
    }

    @Test
    void closeClosesComponentsAndLaterCallsFail() {
        ProjectionEmbedder e = new ProjectionEmbedder();
        FaceRecognizer r = FaceRecognizer.builder().setEmbedder(e, "m").optThreshold(0.5).build();
        r.enroll("a", hr(0, 0));
        r.close();
        r.close();
        assertThat(e.closed).isTrue();
        assertThatThrownBy(() -> r.identify(hr(0, 0), 1))
                .isInstanceOfSatisfying(RecognitionException.class, x -> assertThat(x.reason()).isEqualTo(Reason.CLOSED));
        assertThatThrownBy(() -> r.enroll("b", hr(1, 0))).hasMessageContaining("closed");
        assertThatThrownBy(() -> r.remove("a")).hasMessageContaining("CLOSED");
        assertThatThrownBy(() -> r.setThreshold(0.2)).hasMessageContaining("CLOSED");
        assertThat(r.names()).containsExactly("a"); // the last snapshot can still be read and saved
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
