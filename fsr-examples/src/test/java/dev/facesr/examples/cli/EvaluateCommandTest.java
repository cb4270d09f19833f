package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.SyntheticImages;
import dev.facesr.metrics.image.BicubicRoundTrip;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsr evaluate} on small images written to a temporary folder. */
class EvaluateCommandTest {
    @TempDir Path tmp;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static FloatImage image(int h, int w, int seed) {
        return SyntheticImages.reference(h, w, seed);
    }

    private static void write(FloatImage img, Path file, String format) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(ImageConversions.toBufferedImage(img), format, file.toFile())).isTrue();
    }

    private Path[] pairFolders() throws IOException {
        Path hr = tmp.resolve("hr");
        Path sr = tmp.resolve("sr");
        FloatImage a = image(24, 20, 1);
        FloatImage b = image(24, 20, 2);
        write(a, hr.resolve("face_a.png"), "png");
        write(b, hr.resolve("face_b.bmp"), "bmp");
        write(SyntheticImages.distorted(a, 20, 3), sr.resolve("face_a.png"), "png");
        write(SyntheticImages.distorted(b, 5, 4), sr.resolve("face_b.png"), "png");
        Files.writeString(hr.resolve("notes.txt"), "not an image"); // ignored: not an image extension
        return new Path[] {hr, sr};
    }

    @Test
    void matchesByBaseNameAndWritesTableAndJson() throws IOException {
        Path[] d = pairFolders();
        Path json = tmp.resolve("out/metrics.json");
        CliRun r = run("evaluate", "--sr", d[1].toString(), "--hr", d[0].toString(), "--y", "--crop", "2",
                "--json", json.toString(), "--worst", "1");
        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        assertThat(r.out).contains("PSNR (dB)", "SSIM", "count", "lowest PSNR", "face_a.png").doesNotContain("face_b.png");
        assertThat(r.err).isEmpty();

        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).optCrop(2).build();
        Ssim ssim = Ssim.builder().optChannels(ChannelMode.Y).optCrop(2).build();
        FloatImage hrA = ImageConversions.read(d[0].resolve("face_a.png"));
        FloatImage srA = ImageConversions.read(d[1].resolve("face_a.png"));
        FloatImage hrB = ImageConversions.read(d[0].resolve("face_b.bmp"));
        FloatImage srB = ImageConversions.read(d[1].resolve("face_b.png"));
        JsonObject root = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray images = root.getAsJsonArray("images");
        assertThat(images).hasSize(2);
        JsonObject first = images.get(0).getAsJsonObject();
        assertThat(first.get("name").getAsString()).isEqualTo("face_a");
        assertThat(first.get("psnr").getAsDouble()).isCloseTo(psnr.compute(srA, hrA), within(1e-9));
        assertThat(first.get("ssim").getAsDouble()).isCloseTo(ssim.compute(srA, hrA), within(1e-9));
        JsonObject mean = root.getAsJsonObject("mean");
        assertThat(mean.get("count").getAsInt()).isEqualTo(2);
        assertThat(mean.get("psnr").getAsDouble())
                .isCloseTo((psnr.compute(srA, hrA) + psnr.compute(srB, hrB)) / 2, within(1e-9));
        assertThat(root.getAsJsonObject("settings").get("channels").getAsString()).isEqualTo("Y");
        assertThat(r.out).contains(String.format(java.util.Locale.ROOT, "%.4f", mean.get("psnr").getAsDouble()));
    }

    @Test
    void missingFilesOnEitherSideAreNamed() throws IOException {
        Path[] d = pairFolders();
        Files.delete(d[1].resolve("face_b.png"));
        write(image(24, 20, 9), d[1].resolve("extra.jpg"), "jpg");
        CliRun r = run("evaluate", "--sr", d[1].toString(), "--hr", d[0].toString());
        assertThat(r.code).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err).contains("face_b.bmp", "no match in --sr", "extra.jpg", "no match in --hr");
        assertThat(r.out).isEmpty();
    }

    @Test
    void differentSizesAndUnreadableImagesAreNamed() throws IOException {
        Path[] d = pairFolders();
        write(image(26, 20, 5), d[1].resolve("face_b.png"), "png");
        Files.writeString(d[1].resolve("face_a.png"), "this is not a PNG");
        CliRun r = run("evaluate", "--sr", d[1].toString(), "--hr", d[0].toString());
        assertThat(r.code).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err).contains("different sizes", "face_b.png", "face_b.bmp", "20x26", "20x24");
        assertThat(r.err).contains("Cannot read image", "face_a.png");
    }

    @Test
    void twoFilesWithOneBaseNameAreRejected() throws IOException {
        Path[] d = pairFolders();
        write(image(24, 20, 1), d[0].resolve("face_a.jpg"), "jpg");
        CliRun r = run("evaluate", "--sr", d[1].toString(), "--hr", d[0].toString());
        assertThat(r.code).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err).contains("two files with the base name 'face_a'");
    }

    @Test
    void bicubicBaselineIsMadeFromTheGroundTruth() throws IOException {
        Path hr = tmp.resolve("hr");
        write(image(32, 32, 1), hr.resolve("x.png"), "png");
        write(image(32, 24, 2), hr.resolve("y.png"), "png");
        Path json = tmp.resolve("b.json");
        CliRun r = run("evaluate", "--hr", hr.toString(), "--baseline", "bicubic", "--scale", "4", "--y",
                "--json", json.toString());
        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        assertThat(r.out).contains("bicubic x4 baseline");
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).build();
        FloatImage x = ImageConversions.read(hr.resolve("x.png"));
        double expected = psnr.compute(BicubicRoundTrip.apply(x, 4, true), x);
        JsonObject first = root.getAsJsonArray("images").get(0).getAsJsonObject();
        assertThat(first.get("name").getAsString()).isEqualTo("x");
        assertThat(first.get("psnr").getAsDouble()).isCloseTo(expected, within(1e-9));
        assertThat(root.getAsJsonObject("settings").get("scale").getAsDouble()).isEqualTo(4.0);
    }

    @Test
    void greyImagesAreRgbAndIdenticalPairsAreReported() throws IOException {
        Path hr = tmp.resolve("hr");
        Path sr = tmp.resolve("sr");
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, 10 * x + y);
            }
        }
        Files.createDirectories(hr);
        ImageIO.write(grey, "png", hr.resolve("g.png").toFile());
        write(ImageConversions.fromBufferedImage(grey), sr.resolve("g.png"), "png"); // same values as RGB
        Path json = tmp.resolve("g.json");
        CliRun r = run("evaluate", "--sr", sr.toString(), "--hr", hr.toString(), "--y", "--json", json.toString());
        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        assertThat(r.out).contains("inf", "1 identical pair(s)");
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(root.getAsJsonObject("mean").get("psnr").isJsonNull()).isTrue();
        assertThat(root.getAsJsonObject("mean").get("ssim").getAsDouble()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void wrongCommandLinesAreUsageErrors() throws IOException {
        Path[] d = pairFolders();
        assertThat(run("evaluate", "--hr", d[0].toString()).code).isEqualTo(ExitCodes.USAGE);
        CliRun noScale = run("evaluate", "--hr", d[0].toString(), "--baseline", "bicubic");
        assertThat(noScale.code).isEqualTo(ExitCodes.USAGE);
        assertThat(noScale.err).contains("--scale");
        assertThat(run("evaluate", "--hr", d[0].toString(), "--sr", d[1].toString(), "--baseline", "bicubic",
                "--scale", "4").code).isEqualTo(ExitCodes.USAGE);
        assertThat(run("evaluate", "--hr", d[0].toString(), "--baseline", "bicubic", "--scale", "0.5").code)
                .isEqualTo(ExitCodes.USAGE);
        CliRun missing = run("evaluate", "--hr", tmp.resolve("nope").toString(), "--sr", d[1].toString());
        assertThat(missing.code).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err).contains("is not a folder");
    }
}
