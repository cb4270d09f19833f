package dev.facesr.examples.recognition;

import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.ModelNotFoundException;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelKind;
import dev.facesr.models.zoo.ZooFaceEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model zoo's face embedders for the recognition commands (registered for the {@link
 * java.util.ServiceLoader}): every identity model of the zoo that has trained weights and is not
 * itself a low-resolution companion, e.g. {@code identity}. {@link #open} opens the model as the
 * high-resolution embedder; {@link #openLowResolution} opens its companion {@code X-lr16}
 * ({@link FsrModelZoo#lowResolutionName}) when the zoo has one with trained weights. The zoo's
 * cards are read once, on first use.
 */
public final class ZooEmbedderResolver implements EmbedderResolver {

    private final FsrModelZoo zoo;
    private volatile Map<String, ModelCard> trained;

    /** The resolver over this library's classpath zoo (what the ServiceLoader creates). */
    public ZooEmbedderResolver() {
        this(FsrModelZoo.classpath());
    }

    /**
     * A resolver over another zoo (e.g. {@link FsrModelZoo#of(ClassLoader)} over a folder of
     * exported models).
     *
     * @param zoo the zoo
     */
    public ZooEmbedderResolver(FsrModelZoo zoo) {
        if (zoo == null) {
            throw new IllegalArgumentException("ZooEmbedderResolver needs a zoo");
        }
        this.zoo = zoo;
    }

    /**
     * The identity models with trained weights, by name (companions included).
     *
     * @throws UncheckedIOException when a card of the zoo cannot be read
     */
    private Map<String, ModelCard> trained() {
        Map<String, ModelCard> t = trained;
        if (t == null) {
            Map<String, ModelCard> m = new LinkedHashMap<>();
            try {
                for (ModelCard card : zoo.listModels()) {
                    if (card.kind() == ModelKind.IDENTITY && card.hasWeights()) {
                        m.put(card.name(), card);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The model zoo's cards could not be read while"
                        + " looking for face embedders: " + e.getMessage(), e);
            }
            t = Collections.unmodifiableMap(m);
            trained = t;
        }
        return t;
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : trained().keySet()) {
            if (!FsrModelZoo.isLowResolutionName(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** {@inheritDoc} */
    @Override
    public FaceEmbedder open(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("The model zoo has no trained face embedder '" + name
                    + "'; " + EmbedderResolvers.describe(names()));
        }
        return load(name);
    }

    /**
     * Opens the companion {@code name-lr16} of a model, if the zoo has one with trained weights.
     *
     * @param name one of {@link #names()}
     * @return the student, or empty when the zoo has no trained companion
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     * @throws IllegalStateException if the companion exists but does not fit the model or cannot
     *     be loaded
     */
    @Override
    public Optional<FaceEmbedder> openLowResolution(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("The model zoo has no trained face embedder '" + name
                    + "'; " + EmbedderResolvers.describe(names()));
        }
        String companion = FsrModelZoo.lowResolutionName(name);
        ModelCard student = trained().get(companion);
        if (student == null) {
            return Optional.empty();
        }
        ModelCard teacher = trained().get(name);
        if (student.outputSize() != teacher.outputSize()) {
            throw new IllegalStateException("The low-resolution model '" + companion + "' gives "
                    + student.outputSize() + "-d embeddings but '" + name + "' gives "
                    + teacher.outputSize() + "-d ones; a companion must embed into its model's"
                    + " space: re-export the pair together (ExportIdentityModel)");
        }
        return Optional.of(load(companion));
    }

    private ZooFaceEmbedder load(String name) {
        try {
            return zoo.embedder(name);
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new IllegalStateException("The face embedder '" + name + "' of the model zoo could"
                    + " not be loaded: " + e.getMessage(), e);
        }
    }
}
