package dev.facesr.examples.cli;

import dev.facesr.examples.recognition.EmbedderResolver;
import dev.facesr.examples.recognition.EmbedderResolvers;
import dev.facesr.models.recognition.Candidate;
import dev.facesr.models.recognition.FaceInput;
import dev.facesr.models.recognition.FaceRecognizer;
import dev.facesr.models.recognition.GalleryFileException;
import dev.facesr.models.recognition.Identification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fsr identify --gallery FILE IMAGE [-k 5]}: ranks the people of a gallery against an
 * aligned face crop and says whether the best passes the threshold (the gallery's, or {@code
 * --threshold}). Exit code 0 whether or not the face is recognised.
 */
@Command(
        name = "identify",
        mixinStandardHelpOptions = true,
        description = "Identifies an aligned face crop against a gallery: the k best people with cosine scores, and"
                + " whether the best passes the threshold.")
public final class IdentifyCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin RecognitionOptions recognition = new RecognitionOptions();

    @Option(names = "--gallery", required = true, paramLabel = "FILE", description = "The gallery file.")
    Path gallery;

    @Option(names = "-k", paramLabel = "K", defaultValue = "5", description = "How many candidates (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Decision threshold (cosine similarity in [-1, 1]); default: the one stored in the gallery.")
    Double threshold;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "An aligned face crop.")
    Path image;

    /** Where embedders come from: every {@link EmbedderResolver} registered for the ServiceLoader. */
    EmbedderResolver resolver = EmbedderResolvers.fromServiceLoader();

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = spec.commandLine();
        if (k < 1) {
            throw new CommandLine.ParameterException(cl, "-k must be at least 1, got " + k);
        }
        if (!Files.exists(gallery)) {
            throw new GalleryFileException(gallery, GalleryFileException.Problem.UNREADABLE,
                    "it does not exist; create it with fsr enroll", null);
        }
        try (FaceRecognizer r = recognition.open(cl, resolver, gallery)) {
            if (threshold != null) {
                setThreshold(cl, r, threshold);
            } else if (r.threshold().isEmpty()) {
                throw new CommandLine.ParameterException(cl, "The gallery " + gallery + " stores no threshold: give "
                        + "--threshold T, or store one with fsr enroll --threshold T");
            }
            Identification id = r.identify(FaceInput.aligned(image), k);
            PrintWriter out = cl.getOut();
            out.printf(Locale.ROOT, "%-4s  %-30s  %8s  %6s%n", "rank", "name", "score", "images");
            int rank = 1;
            for (Candidate c : id.candidates()) {
                out.printf(Locale.ROOT, "%-4d  %-30s  %8.4f  %6d%n", rank++, c.name(), c.score(), c.imageCount());
            }
            String how = id.probe().strategy().map(s -> " (low-resolution face of " + id.probe().faceSize()
                    + " px, strategy " + s + ")").orElse("");
            if (id.best().isEmpty()) {
                out.println("no match: the gallery is empty" + how);
            } else if (id.accepted()) {
                out.printf(Locale.ROOT, "match: %s (score %.4f >= threshold %.4f)%s%n", id.best().get().name(),
                        id.best().get().score(), id.threshold(), how);
            } else {
                out.printf(Locale.ROOT, "no match: best %s scores %.4f < threshold %.4f%s%n", id.best().get().name(),
                        id.best().get().score(), id.threshold(), how);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    static void setThreshold(CommandLine cl, FaceRecognizer r, double threshold) {
        try {
            r.setThreshold(threshold);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--threshold: " + e.getMessage());
        }
    }
}
