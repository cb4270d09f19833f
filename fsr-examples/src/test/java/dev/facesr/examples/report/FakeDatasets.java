package dev.facesr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.metrics.SyntheticImages;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A tiny synthetic stand-in for the shared datasets folder and a tiny trained generator folder
 * (public for the command-line tests).
 */
public final class FakeDatasets {
    static final String[] CELEBA = {"201600.png", "201601.png", "201602.png"};
    static final String[] HELEN = {"18241.png", "18249.png"};

    private FakeDatasets() {}

    /** Writes fsrnet-test (3 + 2 faces, landmarks) and celeba/val (2 faces) under {@code root}. */
    static Path write(Path root) throws IOException {
        int seed = 1;
        for (String f : CELEBA) {
            png(SyntheticImages.reference(128, 128, seed++), root.resolve("fsrnet-test/celeba-1000/hr/" + f));
        }
        for (String f : HELEN) {
            png(SyntheticImages.reference(128, 128, seed++), root.resolve("fsrnet-test/helen-50/hr/" + f));
        }
        StringBuilder csv = new StringBuilder("file");
        for (int p = 0; p < 68; p++) {
            csv.append(",x").append(p).append(",y").append(p);
        }
        csv.append('\n');
        for (int i = 0; i < HELEN.length; i++) {
            csv.append(HELEN[i]);
            float[][] pts = landmarks(i);
            for (float[] pt : pts) {
                csv.append(',').append(String.format(Locale.ROOT, "%.2f", pt[0]))
                        .append(',').append(String.format(Locale.ROOT, "%.2f", pt[1]));
            }
            csv.append('\n');
        }
        Files.writeString(root.resolve("fsrnet-test/helen-50/landmarks68.csv"), csv.toString());
        png(SyntheticImages.reference(218, 178, seed++), root.resolve("celeba/val/1000_162771.png"));
        png(SyntheticImages.reference(218, 178, seed), root.resolve("celeba/val/1001_162772.png"));
        return root;
    }

    /** Deterministic 68 points of helen face {@code i}: outer eye corners 36 and 45 are 50 + 10 i px apart. */
    static float[][] landmarks(int i) {
        float[][] pts = new float[68][2];
        for (int p = 0; p < 68; p++) {
            pts[p][0] = 30 + (p % 17) * 4 + i;
            pts[p][1] = 30 + (p / 17) * 15;
        }
        pts[36] = new float[] {35, 40};
        pts[45] = new float[] {85 + 10 * i, 40};
        return pts;
    }

    private static void png(FloatImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(ImageConversions.toBufferedImage(img), "png", file.toFile())).isTrue();
    }

    /** A tiny randomly initialised x8 generator. */
    public static Generator tinyGenerator() {
        return Generator.builder().setScale(8).optChannels(4).optResidualBlocks(1).optNorm(NormType.NONE)
                .optActivation(ActivationType.PRELU).optHeadKernel(3).optTailKernel(3).optGlobalResidual(true)
                .build();
    }

    /** A tiny randomly initialised refine-mode generator (same size in and out). */
    public static Generator tinyRefiner() {
        return Generator.builder().setRefine().optChannels(4).optResidualBlocks(1).optNorm(NormType.NONE)
                .optHeadKernel(3).optTailKernel(3).optGlobalResidual(true).build();
    }

    /** Saves a tiny random x8 generator as the SR trainer does ({@code <model>.params} + training.json). */
    public static Path writeTrainedFolder(Path folder, String model) throws IOException {
        return writeTrainedFolder(folder, model, tinyGenerator());
    }

    /** Saves a generator as the SR trainer does ({@code <model>.params} + training.json). */
    public static Path writeTrainedFolder(Path folder, String model, Generator g) throws IOException {
        Files.createDirectories(folder);
        try (NDManager m = NDManager.newBaseManager()) {
            g.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            try (OutputStream os = Files.newOutputStream(folder.resolve(model + ".params"));
                    DataOutputStream dos = new DataOutputStream(os)) {
                g.saveParameters(dos);
            }
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("model", model);
        card.put("arguments", g.arguments());
        card.put("steps", 0);
        // Written as the SR trainer writes it (Jackson, indented).
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("training.json").toFile(), card);
        return folder;
    }
}
