package dev.facesr.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.Record;
import dev.facesr.core.degrade.AreaDownscale;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real layout under the {@code fsr.datasets} system property; skips when absent. */
class SharedDatasetsTest {

    private static Path datasets;

    @BeforeAll
    static void locate() {
        String dir = System.getProperty("fsr.datasets");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "Skipping: shared datasets not found (system property fsr.datasets = " + dir + ")");
        datasets = Path.of(dir);
    }

    private static void require(String sub) {
        Assumptions.assumeTrue(Files.isDirectory(datasets.resolve(sub)),
                "Skipping: " + datasets.resolve(sub) + " is absent");
    }

    @Test
    void celebaCountsAndFsrnetCrop() throws IOException {
        require("celeba");
        CelebADataset train = CelebADataset.builder()
                .setRoot(datasets.resolve("celeba"))
                .optCrop(CropPolicy.FSRNET_CELEBA_128)
                .build();
        CelebADataset val = CelebADataset.builder()
                .setRoot(datasets.resolve("celeba"))
                .optUsage(Dataset.Usage.VALIDATION)
                .build();
        assertThat(train.size()).isEqualTo(15_016);
        assertThat(train.numIdentities()).isEqualTo(7_508);
        assertThat(val.size()).isEqualTo(4_535);
        assertThat(val.numIdentities()).isEqualTo(907);
        // the class index maps back to the identity in the file name
        FaceEntry e = train.entry(1234);
        String name = e.file().getFileName().toString();
        assertThat(train.identityId(e.identity())).isEqualTo(name.substring(0, name.indexOf('_')));
        try (NDManager m = NDManager.newBaseManager()) {
            Record r = train.get(m, 0);
            assertThat(r.getData().head().getShape()).isEqualTo(new Shape(3, 128, 128));
            Record v = val.get(m, 0);
            assertThat(v.getData().head().getShape()).isEqualTo(new Shape(3, 218, 178));
            FacePairDataset pairs = FacePairDataset.builder()
                    .setSource(train)
                    .addDegradation(new AreaDownscale(8))
                    .setSampling(1, false)
                    .build();
            Record p = pairs.get(m, 0);
            assertThat(p.getData().head().getShape()).isEqualTo(new Shape(3, 16, 16));
            assertThat(p.getLabels().get(1).getLong()).isEqualTo(train.entry(0).identity());
        }
    }

    @Test
    void landmarks68TrainParsesInsideTheImage() throws IOException {
        require("landmarks68");
        LandmarkDataset train = LandmarkDataset.builder()
                .landmarks68(datasets, Dataset.Usage.TRAIN)
                .build();
        assertThat(train.size()).isEqualTo(1_486);
        assertThat(train.landmarkScheme()).isSameAs(LandmarkScheme.POINTS_68);
        for (long i = 0; i < train.size(); i++) {
            Landmarks lm = train.entry(i).landmarks();
            assertThat(lm.size()).isEqualTo(68);
            for (int p = 0; p < 68; p++) {
                assertThat(lm.x(p)).isBetween(-0.5f, 255.5f);
                assertThat(lm.y(p)).isBetween(-0.5f, 255.5f);
            }
        }
        FaceSample s = train.sample(0, new SplittableRandom(0));
        assertThat(s.image().width()).isEqualTo(256);
        assertThat(s.image().height()).isEqualTo(256);
    }

    @Test
    void flipRoundTripOfRealLandmarks() throws IOException {
        require("landmarks68");
        LandmarkDataset plain = LandmarkDataset.builder()
                .landmarks68(datasets, Dataset.Usage.TRAIN)
                .build();
        LandmarkDataset flipped = LandmarkDataset.builder()
                .landmarks68(datasets, Dataset.Usage.TRAIN)
                .optAugmentation(FaceAugmentation.builder().optFlipProbability(1).build())
                .build();
        for (long i : new long[] {0, 700, 1485}) {
            FaceSample a = plain.sample(i, new SplittableRandom(0));
            FaceSample b = flipped.sample(i, new SplittableRandom(0));
            Landmarks back = b.landmarks().flipHorizontal(256, LandmarkScheme.POINTS_68);
            assertThat(back.toArray()).containsExactly(a.landmarks().toArray(), Offset.offset(1e-4f));
            assertThat(b.image().flipHorizontal().data()).isEqualTo(a.image().data());
            // after the flip the image-left eye (36-41) is still left of the image-right eye
            assertThat(eyeX(b.landmarks(), 36)).isLessThan(eyeX(b.landmarks(), 42));
            assertThat(eyeX(a.landmarks(), 36)).isLessThan(eyeX(a.landmarks(), 42));
            // the chin (8) stays the chin: same y, mirrored x
            assertThat(b.landmarks().x(8)).isCloseTo(255 - a.landmarks().x(8), Offset.offset(1e-4f));
        }
    }

    private static float eyeX(Landmarks lm, int first) {
        float s = 0;
        for (int p = first; p < first + 6; p++) {
            s += lm.x(p);
        }
        return s / 6;
    }

    @Test
    void mtflGreyImagesDecodeAsRgb() throws IOException {
        require("mtfl");
        LandmarkDataset test = LandmarkDataset.builder().mtfl(datasets, Dataset.Usage.TEST).build();
        LandmarkDataset train = LandmarkDataset.builder().mtfl(datasets, Dataset.Usage.TRAIN).build();
        assertThat(test.size()).isEqualTo(2_995);
        assertThat(train.size()).isEqualTo(3_499);
        int grey = 0;
        for (long i = 0; i < test.size(); i++) {
            Path f = test.entry(i).file();
            BufferedImage raw = ImageIO.read(f.toFile());
            if (raw.getType() != BufferedImage.TYPE_BYTE_GRAY) {
                continue;
            }
            grey++;
            FaceSample s = test.sample(i, new SplittableRandom(0));
            assertThat(s.image().channels()).isEqualTo(3);
            assertThat(s.image().width()).isEqualTo(80);
            int x = 40;
            int y = 40;
            int v = raw.getRaster().getSample(x, y, 0);
            for (int c = 0; c < 3; c++) {
                assertThat(s.image().get(c, y, x)).isEqualTo(v / 255f);
            }
        }
        assertThat(grey).isEqualTo(28);
    }
}
