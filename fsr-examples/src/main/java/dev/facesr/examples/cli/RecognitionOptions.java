package dev.facesr.examples.cli;

import dev.facesr.models.zoo.ZooFaceEmbedder;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.examples.recognition.EmbedderResolver;
import dev.facesr.examples.recognition.EmbedderResolvers;
import dev.facesr.models.recognition.FaceRecognizer;
import dev.facesr.models.recognition.Gallery;
import dev.facesr.models.recognition.GalleryFile;
import dev.facesr.models.recognition.LowResolutionStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options the recognition commands share ({@code --embedder}, {@code --strategy}, {@code
 * --low-res-below}) and how they become a {@link FaceRecognizer}. Inputs on the command line are
 * aligned face crops (there is no detector in the tool yet).
 */
final class RecognitionOptions {

    @Option(names = "--embedder", paramLabel = "NAME",
            description = "The face embedder (model name). Default: the gallery's model, or the only available one.")
    String embedder;

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "How a low-resolution face is embedded: STUDENT (the model's low-resolution embedder), "
                    + "SUPER_RESOLVE (super-resolve with --sr-model, then the normal embedder) or "
                    + "BICUBIC (enlarge, then the normal embedder). Default: STUDENT if the model has one, else BICUBIC.")
    LowResolutionStrategy strategy;

    @Option(names = "--sr-model", paramLabel = "NAME", defaultValue = "fsr-x8",
            description = "The super-resolution model of --strategy SUPER_RESOLVE (default: ${DEFAULT-VALUE}).")
    String srModel;

    /** Opens SR models by name (package-private so tests can stub it). */
    UpscalerResolver upscalers = UpscalerResolver.defaultResolver();

    @Option(names = "--low-res-below", paramLabel = "PX",
            description = "Faces smaller than this many pixels count as low resolution (default: 32).")
    Integer lowResBelow;

    /**
     * Builds a recognizer with the chosen embedder; the gallery file, if given and present, is
     * loaded (it must match the embedder) and also decides the default embedder.
     */
    FaceRecognizer open(CommandLine cl, EmbedderResolver resolver, Path galleryFile) {
        Gallery existing = galleryFile != null && Files.exists(galleryFile) ? GalleryFile.load(galleryFile) : null;
        String name = chooseEmbedder(cl, resolver, existing);
        FaceUpscaler upscaler = null;
        if (strategy == LowResolutionStrategy.SUPER_RESOLVE) {
            try {
                upscaler = upscalers.resolve(srModel, null);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--sr-model: " + e.getMessage());
            }
        }
        FaceEmbedder hr;
        try {
            hr = resolver.open(name);
        } catch (RuntimeException e) {
            if (upscaler != null) {
                upscaler.close();
            }
            throw e;
        }
        Optional<FaceEmbedder> student = Optional.empty();
        try {
            student = resolver.openLowResolution(name);
            if (strategy == LowResolutionStrategy.STUDENT && student.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--strategy STUDENT: the embedder '" + name
                        + "' has no low-resolution student; use BICUBIC");
            }
            // a zoo model is recorded with its version and weights hash: a gallery of other weights is refused
            String modelId = hr instanceof ZooFaceEmbedder zoo ? zoo.modelId() : name;
            FaceRecognizer.Builder b = FaceRecognizer.builder().setEmbedder(hr, modelId);
            student.ifPresent(b::optLowResolutionEmbedder);
            if (upscaler != null) {
                b.optUpscaler(upscaler);
            }
            if (strategy != null) {
                b.optLowResolutionStrategy(strategy);
            }
            if (lowResBelow != null) {
                b.optLowResolutionThreshold(lowResBelow);
            }
            if (existing != null) {
                b.optGallery(galleryFile);
            }
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        } catch (RuntimeException e) {
            hr.close();
            student.ifPresent(FaceEmbedder::close);
            if (upscaler != null) {
                upscaler.close();
            }
            throw e;
        }
    }

    private String chooseEmbedder(CommandLine cl, EmbedderResolver resolver, Gallery existing) {
        Set<String> known = resolver.names();
        if (embedder != null) {
            if (!known.contains(embedder)) {
                throw new CommandLine.ParameterException(cl, "Unknown embedder '" + embedder + "'; "
                        + EmbedderResolvers.describe(known));
            }
            return embedder;
        }
        if (existing != null) {
            // a zoo model is recorded as "name version sha256:..." (ZooFaceEmbedder.modelId)
            String recorded = existing.model().name();
            String model = known.contains(recorded) ? recorded : recorded.split(" ", 2)[0];
            if (!known.contains(model)) {
                throw new IllegalStateException("The gallery was made with the embedder '" + recorded
                        + "', which is not available; " + EmbedderResolvers.describe(known));
            }
            return model;
        }
        if (known.size() == 1) {
            return known.iterator().next();
        }
        if (known.isEmpty()) {
            throw new IllegalStateException(EmbedderResolvers.describe(known));
        }
        throw new CommandLine.ParameterException(cl, "Several embedders are available; choose one with --embedder NAME ("
                + EmbedderResolvers.describe(known) + ")");
    }
}
