package dev.facesr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command, as typed, on the shipped example photo with the shipped default
 * models: the face is found and restored and the photo comes back 8x larger.
 */
class ReadmeMainJobTest {

    @TempDir Path tmp;

    @Test
    void theReadmeUpscaleCommandRestoresTheExampleFace() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        String command = readme.stream().filter(l -> l.startsWith("./fsr upscale")).findFirst().orElseThrow();
        assertThat(command).isEqualTo("./fsr upscale examples/astronaut.png -o astronaut-x8.png");
        List<String> args = Arrays.asList(command.substring("./fsr ".length()).split(" "));
        Path input = root.resolve(args.get(1));
        Path output = tmp.resolve(args.get(3));
        BufferedImage in = ImageIO.read(input.toFile());

        CliRun run = CliRun.run("upscale", input.toString(), "-o", output.toString());
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("1 face(s), 1 restored");
        BufferedImage out = ImageIO.read(output.toFile());
        assertThat(out.getWidth()).isEqualTo(8 * in.getWidth());
        assertThat(out.getHeight()).isEqualTo(8 * in.getHeight());
    }
}
