package dev.facesr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.examples.cli.ExitCodes;
import dev.facesr.examples.cli.FsrCommand;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.image.BicubicRoundTrip;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import dev.facesr.models.zoo.ZooLandmarkEstimator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fsr report} end to end on a tiny synthetic dataset, a bicubic baseline and a tiny random generator. */
class ReportCommandTest {
    @TempDir static Path tmp;
    static Path data;
    static Path modelDir;

    private static final Psnr PSNR = Psnr.builder().optChannels(ChannelMode.Y).optInputRange(ValueRange.BYTE).build();
    private static final Ssim SSIM = Ssim.builder().optChannels(ChannelMode.Y).optInputRange(ValueRange.BYTE).build();

    @BeforeAll
    static void fixtures() throws IOException {
        data = FakeDatasets.write(tmp.resolve("datasets"));
        modelDir = FakeDatasets.writeTrainedFolder(tmp.resolve("runs/tiny/final"), "tiny-x8");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = FsrCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonObject score(JsonObject root, String model, String set, double scale) {
        for (var e : root.getAsJsonArray("scores")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("model").getAsString().equals(model) && o.get("set").getAsString().equals(set)
                    && o.get("scale").getAsDouble() == scale) {
                return o;
            }
        }
        return null;
    }

    @Test
    void writesReportWhoseNumbersMatchFsrMetrics() throws Exception {
        Path out = tmp.resolve("docs");
        // --models pins the list: by default every known model is reported, shipped zoo weights included.
        Run r = run("report", "--datasets", data.toString(), "--out", out.toString(), "--model-dir",
                modelDir.toString(), "--models", "tiny-x8", "--quick", "--grid-faces", "2", "--no-landmarks");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);

        String md = Files.readString(out.resolve("quality.md"));
        assertThat(md).contains("| bicubic |", "| tiny-x8 |", "Not measured (no landmark model).",
                "./fsr report --datasets", "BicubicResize.shrinkBy(s)", "never used", "Border crop: none",
                "processors (`nproc`)", "load average");
        // tiny-x8 handles 8x only: its CelebA-val row has dashes for 4x and 6.4x.
        assertThat(md).containsPattern("\\| tiny-x8 \\| – \\| – \\| – \\| – \\| [0-9.]+ \\| [0-9.]+ \\|");
        assertThat(md).containsPattern("\\| bicubic \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|");

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("quality.json"))).getAsJsonObject();
        assertThat(score(json, "bicubic", "celeba-val", 4)).isNotNull();
        assertThat(score(json, "bicubic", "celeba-val", 6.4)).isNotNull();
        assertThat(score(json, "tiny-x8", "celeba-val", 4)).isNull();
        assertThat(score(json, "tiny-x8", "celeba-val", 8)).isNotNull();
        assertThat(json.getAsJsonObject("landmarks").get("measured").getAsBoolean()).isFalse();
        assertThat(json.getAsJsonArray("speed")).hasSize(4);

        // Bicubic, first CelebA-1000 face: the report equals fsr-metrics' bicubic round trip.
        FloatImage hr = ImageConversions.read(data.resolve("fsrnet-test/celeba-1000/hr/" + FakeDatasets.CELEBA[0]));
        FloatImage bicubic = BicubicRoundTrip.apply(hr, 8, true);
        JsonObject bic = score(json, "bicubic", "celeba-1000", 8);
        JsonObject first = bic.getAsJsonArray("images").get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo(FakeDatasets.CELEBA[0]);
        assertThat(first.get("psnrY").getAsDouble()).isCloseTo(PSNR.compute(bicubic, hr), within(1e-9));
        assertThat(first.get("ssimY").getAsDouble()).isCloseTo(SSIM.compute(bicubic, hr), within(1e-9));
        double mean = 0;
        for (var e : bic.getAsJsonArray("images")) {
            mean += e.getAsJsonObject().get("psnrY").getAsDouble() / FakeDatasets.CELEBA.length;
        }
        assertThat(bic.get("meanPsnrY").getAsDouble()).isCloseTo(mean, within(1e-9));
        assertThat(md).contains("| bicubic | " + ReportWriter.fmt(mean, 2) + " | "
                + ReportWriter.fmt(bic.get("meanSsimY").getAsDouble(), 4) + " |");

        // The generator, first CelebA-1000 face: a direct forward pass, clipped and quantised to 8 bits.
        FloatImage sr = directGenerator(List.of(FakeDatasets.CELEBA)).get(0);
        JsonObject gen = score(json, "tiny-x8", "celeba-1000", 8).getAsJsonArray("images").get(0).getAsJsonObject();
        assertThat(gen.get("psnrY").getAsDouble()).isCloseTo(PSNR.compute(sr, hr), within(1e-9));
        assertThat(gen.get("ssimY").getAsDouble()).isCloseTo(SSIM.compute(sr, hr), within(1e-9));

        BufferedImage grid = ImageIO.read(out.resolve("quality-grid.png").toFile());
        // 4 columns (LR, bicubic, tiny-x8, ground truth) of 128 px and 2 rows, 2 px gaps, 18 px titles.
        assertThat(grid.getWidth()).isEqualTo(4 * 128 + 5 * 2);
        assertThat(grid.getHeight()).isEqualTo(18 + 2 * 128 + 3 * 2);
        JsonArray cols = json.getAsJsonArray("gridColumns");
        assertThat(cols.toString()).isEqualTo("[\"LR x8 (nearest)\",\"bicubic\",\"tiny-x8\",\"ground truth\"]");
        // The ground-truth cell of the first row holds the first grid face.
        int x0 = 2 + 3 * 130;
        int y0 = 18 + 2;
        BufferedImage hrImage = ImageIO.read(data.resolve("fsrnet-test/celeba-1000/hr/" + FakeDatasets.CELEBA[0]).toFile());
        assertThat(grid.getRGB(x0 + 7, y0 + 9)).isEqualTo(hrImage.getRGB(7, 9));
    }

    /** Runs the saved tiny generator directly on the 8x LR of the given CelebA-1000 files (one batch). */
    private static List<FloatImage> directGenerator(List<String> files) throws Exception {
        Generator g = FakeDatasets.tinyGenerator();
        try (NDManager m = NDManager.newBaseManager()) {
            g.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            try (InputStream in = Files.newInputStream(modelDir.resolve("tiny-x8.params"));
                    DataInputStream d = new DataInputStream(in)) {
                g.loadParameters(m, d);
            }
            List<NDArray> lr = new ArrayList<>();
            for (String f : files) {
                FloatImage hr = ImageConversions.read(data.resolve("fsrnet-test/celeba-1000/hr/" + f));
                FloatImage small = MatlabResize.resizeAsUint8(hr, 1 / 8.0);
                lr.add(ImageConversions.toNDArray(small, m).div(255f));
            }
            NDArray y = g.forward(new ParameterStore(m, false), new NDList(ai.djl.ndarray.NDArrays.stack(new NDList(lr))), false)
                    .singletonOrThrow().clip(0f, 1f);
            List<FloatImage> out = new ArrayList<>();
            for (FloatImage f : ImageConversions.fromNDArray(y, ValueRange.UNIT)) {
                out.add(f.toByteRange().quantizeToUint8());
            }
            return out;
        }
    }

    @Test
    void landmarkSectionUsesTheRegisteredShippedModel() throws IOException {
        // fsr-examples registers ZooLandmarks68 (the shipped landmarks68) once its weights are shipped
        Assumptions.assumeTrue(ZooLandmarkEstimator.shippedWeightsPresent(),
                "no trained landmarks68 weights on the classpath: the landmark section is not measured");
        Path out = tmp.resolve("docs-landmarks");
        Run r = run("report", "--datasets", data.toString(), "--models", "bicubic", "--quick", "--grid-faces", "1",
                "--celeba-val", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("quality.json"))).getAsJsonObject();
        assertThat(json.getAsJsonObject("landmarks").get("measured").getAsBoolean()).isTrue();
        assertThat(Files.readString(out.resolve("quality.md"))).doesNotContain("Not measured (no landmark model).")
                .contains("landmarks68");
    }

    @Test
    void missingDatasetFolderIsAClearError() throws IOException {
        Path partial = tmp.resolve("partial");
        Files.createDirectories(partial.resolve("fsrnet-test/helen-50/hr"));
        Run r = run("report", "--datasets", partial.toString(), "--out", tmp.resolve("nowhere").toString(), "--quick");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("Missing dataset folder", partial.resolve("fsrnet-test/celeba-1000/hr").toString(),
                "--datasets");
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void unknownModelListsTheKnownOnes() {
        Run r = run("report", "--datasets", data.toString(), "--models", "bicubic,fsr-x99", "--model-dir",
                modelDir.toString(), "--out", tmp.resolve("nowhere2").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown model 'fsr-x99'", "bicubic", "tiny-x8");
    }

    @Test
    void notATrainedFolderIsAClearError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-run"));
        Run r = run("report", "--datasets", data.toString(), "--model-dir", empty.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not a trained model folder", "training.json");
    }
}
