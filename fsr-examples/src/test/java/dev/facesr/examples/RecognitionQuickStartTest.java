package dev.facesr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.examples.report.FaceSet;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.zoo.FsrModelZoo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's recognition quick start with the shipped identity models on CelebA val crops
 * (skipped without the shared datasets): a probe that is an enrolled crop must match its person,
 * and every probe, including a 16x16 one that goes through the student, gets a line.
 */
class RecognitionQuickStartTest {

    @TempDir Path tmp;

    @Test
    void enrolsAndIdentifiesFromSeveralThreads() throws Exception {
        Path data = SharedDatasets.withCelebaOrSkip();
        Assumptions.assumeTrue(FsrModelZoo.classpath().card("identity").hasWeights(), "identity has no weights");
        List<FloatImage> faces = FaceSet.celebaValidation(data, 3).faces();
        Path ada = write("ada.png", faces.get(0));
        Path bob = write("bob.png", faces.get(1));
        Path adaSmall = write("ada-16.png", MatlabResize.resizeAsUint8(faces.get(0), 1.0 / 8));
        Path other = write("other.png", faces.get(2));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            RecognitionQuickStart.main(new String[] {ada.toString(), bob.toString(), "--", ada.toString(),
                    bob.toString(), adaSmall.toString(), other.toString()});
        } finally {
            System.setOut(saved);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        // an enrolled crop matches its own template with a cosine of 1 (up to rounding)
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(java.util.regex.Pattern.quote(ada + ": ada ") + "(0\\.99|1\\.0).*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(java.util.regex.Pattern.quote(bob + ": bob ") + "(0\\.99|1\\.0).*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(adaSmall + ": "));
    }

    private Path write(String name, FloatImage image) throws Exception {
        Path file = tmp.resolve(name);
        ImageIO.write(ImageConversions.toBufferedImage(image), "png", file.toFile());
        return file;
    }
}
