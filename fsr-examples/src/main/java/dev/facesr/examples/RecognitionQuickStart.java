package dev.facesr.examples;

import dev.facesr.models.recognition.FaceInput;
import dev.facesr.models.recognition.FaceRecognizer;
import dev.facesr.models.recognition.Identification;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ZooFaceEmbedder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The README's recognition quick start, compiled: enrol people from aligned face crops, then
 * identify probes from several threads at once with one shared recognizer. Crops smaller than 32
 * pixels go through the 16x16 student ({@code identity-lr16}).
 *
 * <p>Run: {@code java -cp ... dev.facesr.examples.RecognitionQuickStart ada.png bob.png -- probe1.png
 * probe2.png} (each enrolment file is enrolled under its file name without extension).
 */
public final class RecognitionQuickStart {

    private RecognitionQuickStart() {}

    /**
     * Enrols and identifies.
     *
     * @param args enrolment crops, {@code --}, probe crops
     * @throws Exception when a model cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        int split = Arrays.asList(args).indexOf("--");
        if (split < 1 || split == args.length - 1) {
            System.err.println("usage: RecognitionQuickStart ENROL.png... -- PROBE.png...");
            System.exit(2);
        }
        FsrModelZoo zoo = FsrModelZoo.classpath();
        ZooFaceEmbedder teacher = zoo.embedder("identity");                    // HR teacher, 128x128 crops
        try (FaceRecognizer recognizer = FaceRecognizer.builder()
                .setEmbedder(teacher, teacher.modelId())  // a gallery records name, version and weights hash
                .optLowResolutionEmbedder(zoo.embedder("identity-lr16"))     // 16x16 student, same space
                .optThreshold(0.22)          // calibrated on CelebA val HR pairs (docs/recognition.md); calibrate on yours
                .build()) {
            for (String file : Arrays.copyOfRange(args, 0, split)) {
                String name = Path.of(file).getFileName().toString().replaceFirst("\\.[^.]*$", "");
                recognizer.enroll(name, FaceInput.aligned(Path.of(file)));
            }
            List<String> probes = Arrays.asList(args).subList(split + 1, args.length);
            probes.parallelStream().forEach(file -> {                        // thread-safe: share one recognizer
                Identification id = recognizer.identify(FaceInput.aligned(Path.of(file)), 3);
                System.out.println(file + ": " + id.match().map(c -> c.name() + " " + c.score()).orElse("no match"));
            });
        }
    }
}
