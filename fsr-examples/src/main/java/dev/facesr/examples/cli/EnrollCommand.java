package dev.facesr.examples.cli;

import dev.facesr.examples.recognition.EmbedderResolver;
import dev.facesr.examples.recognition.EmbedderResolvers;
import dev.facesr.models.recognition.FaceInput;
import dev.facesr.models.recognition.FaceRecognizer;
import dev.facesr.models.recognition.Identity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fsr enroll --gallery FILE --name NAME IMAGE...}: adds a person's aligned face crops to a
 * gallery file (created if missing), which is then saved atomically. A gallery file that exists
 * but cannot be read is an error, never overwritten.
 */
@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = "Enrols a person in a gallery file from one or more aligned face crops (created if missing;"
                + " saved atomically).")
public final class EnrollCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin RecognitionOptions recognition = new RecognitionOptions();

    @Option(names = "--gallery", required = true, paramLabel = "FILE", description = "The gallery file.")
    Path gallery;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The person's name.")
    String name;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Also store this decision threshold (cosine similarity in [-1, 1]) in the gallery.")
    Double threshold;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Aligned face crops of the person.")
    List<Path> images;

    /** Where embedders come from: every {@link EmbedderResolver} registered for the ServiceLoader. */
    EmbedderResolver resolver = EmbedderResolvers.fromServiceLoader();

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = spec.commandLine();
        try (FaceRecognizer r = recognition.open(cl, resolver, gallery)) {
            FaceInput[] inputs = images.stream().map(FaceInput::aligned).toArray(FaceInput[]::new);
            Identity id;
            try {
                id = r.enroll(name, inputs);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            if (threshold != null) {
                try {
                    r.setThreshold(threshold);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cl, "--threshold: " + e.getMessage());
                }
            }
            r.saveGallery(gallery);
            PrintWriter out = cl.getOut();
            out.println("enrolled " + name + ": " + images.size() + " image(s), " + id.imageCount() + " in total");
            out.println("gallery " + gallery + ": " + r.names().size() + " people, embedder " + r.embedderId()
                    + (r.threshold().isPresent()
                            ? String.format(Locale.ROOT, ", threshold %.4f", r.threshold().getAsDouble())
                            : ", no threshold"));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
