package dev.facesr.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.Record;
import dev.facesr.core.degrade.AreaDownscale;
import dev.facesr.core.degrade.Degradations;
import dev.facesr.core.degrade.JpegCompression;
import dev.facesr.core.degrade.RandomDegradation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    private static NDManager manager;

    @TempDir Path tmp;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** identity folders a, b, c with 2, 1, 3 images; pixel value = 10 * global index. */
    private Path identityFolders() throws IOException {
        String[][] layout = {{"b", "1.png"}, {"a", "0.png"}, {"a", "sub/5.png"}, {"c", "2.png"},
            {"c", "3.png"}, {"c", "4.jpg"}};
        for (String[] f : layout) {
            int v = 40 * Character.getNumericValue(f[1].charAt(f[1].length() - 5));
            TestImages.solid(tmp.resolve("faces").resolve(f[0]).resolve(f[1]), 8, 6, v, v, v);
        }
        Files.writeString(tmp.resolve("faces/a/notes.txt"), "ignored");
        return tmp.resolve("faces");
    }

    @Test
    void imageFolderIsRecursiveWithIdentityLabels() throws Exception {
        Path root = identityFolders();
        ImageFolderDataset ds = ImageFolderDataset.builder()
                .setRoot(root)
                .optIdentityFolders(true)
                .setSampling(2, false)
                .build();
        assertThat(ds.size()).isEqualTo(6);
        assertThat(ds.numIdentities()).isEqualTo(3);
        assertThat(ds.identityId(0)).isEqualTo("a");
        assertThat(ds.identityId(2)).isEqualTo("c");
        // sorted by path: a/0.png, a/sub/5.png, b/1.png, c/2.png, c/3.png, c/4.jpg
        assertThat(ds.entry(1).file().getFileName().toString()).isEqualTo("5.png");
        assertThat(ds.entry(1).identity()).isEqualTo(0);
        assertThat(ds.entry(2).identity()).isEqualTo(1);
        Record r = ds.get(manager, 3);
        assertThat(r.getData().singletonOrThrow().getShape()).isEqualTo(new Shape(3, 6, 8));
        assertThat(r.getData().singletonOrThrow().getFloat(1, 2, 3)).isEqualTo(80 / 255f);
        assertThat(r.getLabels()).hasSize(1);
        assertThat(r.getLabels().get(0).getDataType()).isEqualTo(DataType.INT64);
        assertThat(r.getLabels().get(0).getLong()).isEqualTo(2L);

        ImageFolderDataset plain = ImageFolderDataset.builder().setRoot(root).build();
        assertThat(plain.hasIdentities()).isFalse();
        assertThat(plain.get(manager, 0).getLabels()).isEmpty();
        // records with empty labels still batch (images all 8x6 here)
        int images = 0;
        for (Batch batch : ImageFolderDataset.builder().setRoot(root).setSampling(4, false).build()
                .getData(manager)) {
            try (batch) {
                assertThat(batch.getData().head().getShape().get(0)).isEqualTo(batch.getSize());
                assertThat(batch.getLabels()).isEmpty();
                images += batch.getSize();
            }
        }
        assertThat(images).isEqualTo(6);
    }

    @Test
    void imageFolderRejectsBadLayouts() throws IOException {
        assertThatThrownBy(() -> ImageFolderDataset.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("setRoot");
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(tmp.resolve("nope")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(tmp.resolve("empty")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No images");
        TestImages.solid(tmp.resolve("loose/x.png"), 2, 2, 0, 0, 0);
        assertThatThrownBy(() -> ImageFolderDataset.builder()
                        .setRoot(tmp.resolve("loose")).optIdentityFolders(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub-folder");
    }

    @Test
    void celebaLayoutGivesContiguousClassesPerSplit() throws IOException {
        Path root = tmp.resolve("celeba");
        StringBuilder csv = new StringBuilder("file,split,identity,celeba_image\n");
        String[][] rows = {{"train", "10000", "000002"}, {"train", "9", "000001"},
            {"train", "10000", "000005"}, {"val", "77", "162800"}, {"train", "123", "000003"}};
        for (String[] r : rows) {
            String file = r[0] + "/" + r[1] + "_" + r[2] + ".jpg";
            TestImages.gradient(root.resolve(file), 178, 218);
            csv.append(file).append(',').append(r[0]).append(',').append(r[1]).append(',')
                    .append(r[2]).append(".jpg\n");
        }
        Files.writeString(root.resolve("identities.csv"), csv);
        CelebADataset train = CelebADataset.builder()
                .setRoot(root)
                .optCrop(CropPolicy.FSRNET_CELEBA_128)
                .build();
        assertThat(train.size()).isEqualTo(4);
        assertThat(train.numIdentities()).isEqualTo(3);
        // numeric order of identities: 9, 123, 10000
        assertThat(train.identityId(0)).isEqualTo("9");
        assertThat(train.identityId(2)).isEqualTo("10000");
        // files sorted: 10000_000002, 10000_000005, 123_000003, 9_000001
        assertThat(train.entry(0).identity()).isEqualTo(2);
        assertThat(train.entry(3).identity()).isEqualTo(0);
        Record r = train.get(manager, 2);
        assertThat(r.getData().head().getShape()).isEqualTo(new Shape(3, 128, 128));
        assertThat(r.getLabels().head().getLong()).isEqualTo(1L);
        CelebADataset val = CelebADataset.builder().setRoot(root).optUsage(Dataset.Usage.VALIDATION).build();
        assertThat(val.size()).isEqualTo(1);
        assertThat(val.numIdentities()).isEqualTo(1);
        assertThatThrownBy(() -> CelebADataset.builder().setRoot(root).optUsage(Dataset.Usage.TEST).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test partition");
    }

    @Test
    void landmarkCsvs68And5WithGreyImages() throws IOException {
        Path lm68 = tmp.resolve("lm68");
        StringBuilder csv = new StringBuilder("file");
        for (int i = 0; i < 68; i++) {
            csv.append(",x").append(i).append(",y").append(i);
        }
        csv.append('\n');
        for (int k = 0; k < 2; k++) {
            TestImages.gradient(lm68.resolve("images/train/f" + k + ".jpg"), 32, 32);
            csv.append("images/train/f").append(k).append(".jpg");
            for (int i = 0; i < 68; i++) {
                csv.append(',').append(i % 30 + 0.5f * k).append(',').append(i % 17);
            }
            csv.append('\n');
        }
        Files.writeString(lm68.resolve("train.csv"), csv);
        LandmarkDataset d68 = LandmarkDataset.builder().setCsv(lm68.resolve("train.csv")).build();
        assertThat(d68.size()).isEqualTo(2);
        assertThat(d68.landmarkScheme()).isSameAs(LandmarkScheme.POINTS_68);
        Record r = d68.get(manager, 1);
        NDArray pts = r.getLabels().singletonOrThrow();
        assertThat(pts.getShape()).isEqualTo(new Shape(68, 2));
        assertThat(pts.getFloat(5, 0)).isEqualTo(5.5f);
        assertThat(pts.getFloat(20, 1)).isEqualTo(3f);

        Path mtfl = tmp.resolve("mtfl");
        BufferedImage grey = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 4, 0, 200);
        TestImages.write(grey, mtfl.resolve("AFLW/g.png"));
        TestImages.gradient(mtfl.resolve("net/c.png"), 20, 20);
        Files.writeString(mtfl.resolve("landmarks5.csv"),
                "file,split,lex,ley,rex,rey,nx,ny,lmx,lmy,rmx,rmy\n"
                        + "net/c.png,train,5,6,14,6,10,10,6,15,13,15\n"
                        + "AFLW/g.png,test,4,5,15,5,10,11,7,16,12,16\n");
        LandmarkDataset test5 = LandmarkDataset.builder().mtfl(tmp, Dataset.Usage.TEST).build();
        assertThat(test5.size()).isEqualTo(1);
        assertThat(test5.landmarkScheme()).isSameAs(LandmarkScheme.POINTS_5);
        FaceSample s = test5.sample(0, new java.util.SplittableRandom(0));
        assertThat(s.image().channels()).isEqualTo(3);
        assertThat(s.image().get(0, 4, 3)).isEqualTo(200 / 255f);
        assertThat(s.image().get(2, 4, 3)).isEqualTo(200 / 255f);
        assertThat(s.landmarks().x(1)).isEqualTo(15f);

        Files.writeString(tmp.resolve("bad.csv"), "file,a,b\nx.png,1,2\n");
        assertThatThrownBy(() -> LandmarkDataset.builder().setCsv(tmp.resolve("bad.csv")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lex");
    }

    @Test
    void flippedSampleMirrorsImageAndLandmarks() throws IOException {
        Path mtfl = tmp.resolve("mtfl");
        TestImages.gradient(mtfl.resolve("net/c.png"), 20, 16);
        Files.writeString(mtfl.resolve("landmarks5.csv"),
                "file,split,lex,ley,rex,rey,nx,ny,lmx,lmy,rmx,rmy\n"
                        + "net/c.png,train,5,6,14,6,10,10,6,15,13,14\n");
        LandmarkDataset plain = LandmarkDataset.builder().mtfl(tmp, Dataset.Usage.TRAIN).build();
        LandmarkDataset flipped = LandmarkDataset.builder().mtfl(tmp, Dataset.Usage.TRAIN)
                .optAugmentation(FaceAugmentation.builder().optFlipProbability(1).build())
                .build();
        FaceSample a = plain.sample(0, new java.util.SplittableRandom(0));
        FaceSample b = flipped.sample(0, new java.util.SplittableRandom(0));
        assertThat(b.augmentation().flip()).isTrue();
        assertThat(b.image().data()).containsExactly(a.image().flipHorizontal().data());
        assertThat(b.landmarks()).isEqualTo(a.landmarks().flipHorizontal(20, LandmarkScheme.POINTS_5));
        // the image-left eye stays image-left; the old right mouth corner (13, 14) is now left
        assertThat(b.landmarks().x(0)).isLessThan(b.landmarks().x(1));
        assertThat(b.landmarks().x(3)).isEqualTo(19 - 13f);
        assertThat(b.landmarks().y(3)).isEqualTo(14f);
    }

    @Test
    void pairRecordLayoutWithTwoScales() throws IOException {
        Path lm68 = tmp.resolve("lm68");
        StringBuilder csv = new StringBuilder("file");
        for (int i = 0; i < 68; i++) {
            csv.append(",x").append(i).append(",y").append(i);
        }
        csv.append("\nimages/a.png");
        for (int i = 0; i < 68; i++) {
            csv.append(',').append(10 + i % 40).append(',').append(12 + i % 30);
        }
        TestImages.gradient(lm68.resolve("images/a.png"), 64, 64);
        Files.writeString(lm68.resolve("train.csv"), csv.append('\n'));
        LandmarkDataset faces = LandmarkDataset.builder()
                .setCsv(lm68.resolve("train.csv"))
                .optCrop(CropPolicy.box(8, 8, 56, 56, 32, 32))
                .optAugmentation(FaceAugmentation.faceSr())
                .build();
        FacePairDataset pairs = FacePairDataset.builder()
                .setSource(faces)
                .addDegradation(new AreaDownscale(2))
                .addDegradation(RandomDegradation.gfpganStyle(new AreaDownscale(4)))
                .optSeed(7)
                .setSampling(1, false)
                .build();
        assertThat(pairs.identityLabelIndex()).isEqualTo(-1);
        assertThat(pairs.landmarksLabelIndex()).isEqualTo(1);
        Record r = pairs.get(manager, 0);
        assertThat(r.getData()).hasSize(2);
        assertThat(r.getData().get(0).getShape()).isEqualTo(new Shape(3, 16, 16));
        assertThat(r.getData().get(1).getShape()).isEqualTo(new Shape(3, 8, 8));
        assertThat(r.getLabels()).hasSize(2);
        NDArray hr = r.getLabels().get(0);
        assertThat(hr.getShape()).isEqualTo(new Shape(3, 32, 32));
        assertThat(r.getLabels().get(1).getShape()).isEqualTo(new Shape(68, 2));
        // the 2x LR is exactly the area downscale of the HR
        assertThat(r.getData().get(0).toFloatArray())
                .containsExactly(new AreaDownscale(2).apply(hr, 0L).toFloatArray());
        // reproducible per (seed, epoch, index); a new epoch draws new augmentation/degradation
        Record again = pairs.get(manager, 0);
        assertThat(again.getData().get(1).toFloatArray()).containsExactly(r.getData().get(1).toFloatArray());
        assertThat(again.getLabels().get(1).toFloatArray()).containsExactly(r.getLabels().get(1).toFloatArray());
        pairs.setEpoch(1);
        Record next = pairs.get(manager, 0);
        assertThat(next.getData().get(1).toFloatArray()).isNotEqualTo(r.getData().get(1).toFloatArray());
    }

    @Test
    void pairBuilderRejectsMissingParts() throws IOException {
        TestImages.solid(tmp.resolve("f/x.png"), 4, 4, 1, 2, 3);
        ImageFolderDataset faces = ImageFolderDataset.builder().setRoot(tmp.resolve("f")).build();
        assertThatThrownBy(() -> FacePairDataset.builder().setSource(faces).setSampling(1, false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("addDegradation");
        assertThatThrownBy(() -> FacePairDataset.builder().addDegradation(new AreaDownscale(2))
                        .setSampling(1, false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("setSource");
        assertThatThrownBy(() -> FacePairDataset.builder().setSource(faces)
                        .addDegradation(new AreaDownscale(2)).optIncludeIdentity(true)
                        .setSampling(1, false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no identities");
    }

    @Test
    void prefetchingLoaderDeliversEveryBatchInOrder() throws Exception {
        // 11 images in 4 identity folders; image k is a solid grey of value 20 * k
        int n = 11;
        for (int k = 0; k < n; k++) {
            TestImages.solid(tmp.resolve("ids/id" + (k % 4) + "/img" + String.format("%02d", k) + ".png"),
                    16, 16, 20 * k, 20 * k, 20 * k);
        }
        ImageFolderDataset faces = ImageFolderDataset.builder()
                .setRoot(tmp.resolve("ids"))
                .optIdentityFolders(true)
                .build();
        // expected (value, identity) per index, from the entries (sorted by path)
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = faces.entry(i).file().getFileName().toString();
            int k = Integer.parseInt(name.substring(3, 5));
            expected.add(new float[] {20 * k / 255f, faces.entry(i).identity()});
        }
        FacePairDataset pairs = FacePairDataset.builder()
                .setSource(faces)
                // JPEG exercises OpenCV on the loader threads; a solid grey survives q95 to +-2/255
                .addDegradation(Degradations.sequence(new AreaDownscale(4), new JpegCompression(95)))
                .setSampling(3, false)
                .optPrefetchNumber(2)
                .build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (NDManager m = NDManager.newBaseManager()) {
            int seen = 0;
            int batches = 0;
            for (Batch batch : pairs.getData(m, executor)) {
                try (batch) {
                    NDList data = batch.getData();
                    NDList labels = batch.getLabels();
                    int size = batch.getSize();
                    assertThat(data).hasSize(1);
                    assertThat(data.get(0).getShape()).isEqualTo(new Shape(size, 3, 4, 4));
                    assertThat(labels.get(0).getShape()).isEqualTo(new Shape(size, 3, 16, 16));
                    assertThat(labels.get(1).getShape()).isEqualTo(new Shape(size));
                    for (int j = 0; j < size; j++) {
                        float[] e = expected.get(seen + j);
                        assertThat(labels.get(0).get(j).mean().getFloat()).isCloseTo(e[0], Offset.offset(1e-6f));
                        assertThat(data.get(0).get(j).mean().getFloat()).isCloseTo(e[0], Offset.offset(2 / 255f));
                        assertThat(labels.get(1).getLong(j)).isEqualTo((long) e[1]);
                    }
                    seen += size;
                    batches++;
                }
            }
            assertThat(seen).isEqualTo(n);
            assertThat(batches).isEqualTo(4);
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
