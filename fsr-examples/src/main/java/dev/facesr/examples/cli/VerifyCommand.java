package dev.facesr.examples.cli;

import dev.facesr.examples.recognition.EmbedderResolver;
import dev.facesr.examples.recognition.EmbedderResolvers;
import dev.facesr.models.recognition.FaceInput;
import dev.facesr.models.recognition.FaceRecognizer;
import dev.facesr.models.recognition.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fsr verify IMAGE IMAGE}: the cosine similarity of two aligned face crops and whether they
 * show the same person at the threshold ({@code --threshold}, or the one stored in {@code
 * --gallery}). Exit code 0 whatever the decision.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verifies whether two aligned face crops show the same person: cosine score and decision at"
                + " the threshold (--threshold, or the one stored in --gallery).")
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin RecognitionOptions recognition = new RecognitionOptions();

    @Option(names = "--threshold", paramLabel = "T", description = "Decision threshold (cosine similarity in [-1, 1]).")
    Double threshold;

    @Option(names = "--gallery", paramLabel = "FILE",
            description = "Take the threshold (and the default embedder) from this gallery file.")
    Path gallery;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "An aligned face crop.")
    Path first;

    @Parameters(index = "1", paramLabel = "IMAGE2", description = "Another aligned face crop.")
    Path second;

    /** Where embedders come from: every {@link EmbedderResolver} registered for the ServiceLoader. */
    EmbedderResolver resolver = EmbedderResolvers.fromServiceLoader();

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = spec.commandLine();
        if (threshold == null && gallery == null) {
            throw new CommandLine.ParameterException(cl, "Give --threshold T, or --gallery FILE that stores one");
        }
        if (gallery != null && !java.nio.file.Files.exists(gallery)) {
            throw new CommandLine.ParameterException(cl, "--gallery " + gallery + " does not exist");
        }
        try (FaceRecognizer r = recognition.open(cl, resolver, gallery)) {
            if (threshold != null) {
                IdentifyCommand.setThreshold(cl, r, threshold);
            } else if (r.threshold().isEmpty()) {
                throw new CommandLine.ParameterException(cl, "The gallery " + gallery + " stores no threshold: give "
                        + "--threshold T");
            }
            Verification v = r.verify(FaceInput.aligned(first), FaceInput.aligned(second));
            PrintWriter out = cl.getOut();
            out.printf(Locale.ROOT, "score %.4f, threshold %.4f: %s%n", v.score(), v.threshold(),
                    v.samePerson() ? "same person" : "different people");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
