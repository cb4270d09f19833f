package dev.facesr.examples.recognition;

import dev.facesr.core.pipeline.FaceEmbedder;
import java.util.Optional;
import java.util.Set;

/**
 * Finds face embedders by model name for the recognition commands. Register an implementation
 * (public, with a no-argument constructor) for {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.facesr.examples.recognition.EmbedderResolver}; the commands ask every
 * registered resolver. The name an embedder is opened under is the model name stored in galleries,
 * so one name must always mean the same weights.
 */
public interface EmbedderResolver {

    /**
     * The model names this resolver can open, for listing and error messages.
     *
     * @return the known names
     */
    Set<String> names();

    /**
     * Opens the high-resolution embedder of a model; the caller closes it.
     *
     * @param name one of {@link #names()}
     * @return the embedder
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     */
    FaceEmbedder open(String name);

    /**
     * Opens the low-resolution (student) embedder that embeds into the same space as {@code
     * name}'s, if the model has one; the caller closes it. The default has none.
     *
     * @param name one of {@link #names()}
     * @return the student, if any
     */
    default Optional<FaceEmbedder> openLowResolution(String name) {
        return Optional.empty();
    }
}
