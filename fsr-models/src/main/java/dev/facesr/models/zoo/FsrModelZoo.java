package dev.facesr.models.zoo;

import ai.djl.ndarray.types.DataType;
import dev.facesr.core.nn.ParameterPrecision;
import ai.djl.MalformedModelException;
import ai.djl.modality.cv.Image;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The FaceSR model zoo: finds models by name on the classpath (under {@code
 * dev/facesr/models/<name>/}) or in any directory with the same layout, checks their weights
 * against the card's SHA-256, rebuilds the block from the card's architecture and arguments and
 * loads it through DJL's {@link Criteria} / {@link ZooModel} with the translator of its kind.
 *
 * <p>Layout of a model directory: {@code model-card.json} ({@link ModelCard}) and the weights in
 * DJL's {@code .params} format, named in the card (normally {@code <name>-0000.params}).
 *
 * <p>Loading from a jar: DJL's {@code optModelPath} needs a file-system directory (its {@code
 * jar://} repository only takes a single archive and caches it under {@code ~/.djl.ai} keyed by
 * URL, so a changed jar could silently load stale weights). A classpath model inside a jar is
 * therefore copied to a fresh temporary directory ({@code Files.createTempDirectory("facesr-
 * <name>-")}), verified there, loaded, and the directory is deleted right after loading (the
 * parameters are in memory by then). Models in a classpath directory (e.g. {@code
 * target/classes}) are loaded in place.
 *
 * <p>Kinds ({@link ModelKind}): super-resolution ({@link #upscaler}), landmarks ({@link
 * #landmarkEstimator}) and face identity embedders ({@link #embedder}). Naming convention: the
 * low-resolution (16x16) companion of model {@code X} is {@code X-lr16} ({@link
 * #lowResolutionName}), e.g. {@code identity} and its student {@code identity-lr16}.
 *
 * <p>The device is DJL's default for the engine (a GPU when a CUDA build is on the classpath).
 * Loading is thread-safe; see {@link ZooFaceUpscaler} and {@link ZooFaceEmbedder} for concurrent
 * inference.
 */
public final class FsrModelZoo {

    /** The classpath folder that holds one folder per model. */
    public static final String RESOURCE_ROOT = "dev/facesr/models/";

    /** The shipped high-resolution (128x128) face identity embedder, the teacher. */
    public static final String IDENTITY = "identity";

    /**
     * The suffix that names a model's low-resolution (16x16) companion: the student of model
     * {@code X} that embeds into {@code X}'s space is {@code X-lr16}. See {@link
     * #lowResolutionName(String)}.
     */
    public static final String LOW_RESOLUTION_SUFFIX = "-lr16";

    /** The names of the models FaceSR ships (weights exist once they are trained). */
    public static final List<String> SHIPPED =
            List.of("fsr-x8", "fsr-x4", "cross-domain", "fast-x8", "fast-x4", "landmarks68",
                    IDENTITY, lowResolutionName(IDENTITY));

    private final ClassLoader loader;

    private FsrModelZoo(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The zoo of this library's own classpath.
     *
     * @return the zoo
     */
    public static FsrModelZoo classpath() {
        return new FsrModelZoo(FsrModelZoo.class.getClassLoader());
    }

    /**
     * A zoo over another class loader's resources (e.g. a plugin jar of models).
     *
     * @param loader the class loader whose {@code dev/facesr/models/} resources to use
     * @return the zoo
     */
    public static FsrModelZoo of(ClassLoader loader) {
        if (loader == null) {
            throw new IllegalArgumentException("FsrModelZoo.of needs a class loader");
        }
        return new FsrModelZoo(loader);
    }

    /**
     * The name of a model's low-resolution companion, by the zoo's naming convention: {@code
     * X-lr16} for model {@code X} (e.g. {@code identity-lr16}, the 16x16 student whose
     * embeddings live in {@code identity}'s space).
     *
     * @param name the high-resolution model's name
     * @return {@code name + "-lr16"}
     */
    public static String lowResolutionName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("lowResolutionName needs a model name, got '" + name
                    + "'");
        }
        return name + LOW_RESOLUTION_SUFFIX;
    }

    /**
     * Tells whether a name is a low-resolution companion by the naming convention (ends with
     * {@value #LOW_RESOLUTION_SUFFIX}).
     *
     * @param name a model name
     * @return true for e.g. {@code identity-lr16}
     */
    public static boolean isLowResolutionName(String name) {
        return name != null && name.endsWith(LOW_RESOLUTION_SUFFIX)
                && name.length() > LOW_RESOLUTION_SUFFIX.length();
    }

    /**
     * Lists the model cards on the classpath, trained or not, sorted by name.
     *
     * @return the cards
     * @throws IOException when a card cannot be read or is invalid
     */
    public List<ModelCard> listModels() throws IOException {
        Set<String> names = new TreeSet<>();
        Enumeration<URL> roots = loader.getResources(RESOURCE_ROOT.substring(0,
                RESOURCE_ROOT.length() - 1));
        while (roots.hasMoreElements()) {
            names.addAll(namesUnder(roots.nextElement()));
        }
        for (String name : SHIPPED) {
            if (loader.getResource(cardResource(name)) != null) {
                names.add(name);
            }
        }
        List<ModelCard> cards = new ArrayList<>();
        for (String name : names) {
            cards.add(readCard(name));
        }
        cards.sort(Comparator.comparing(ModelCard::name));
        return cards;
    }

    /**
     * Returns the card of a classpath model.
     *
     * @param name the model name, e.g. {@code fsr-x8}
     * @return its card
     * @throws ModelNotFoundException when there is no such model (the message lists the models)
     * @throws IOException when the card cannot be read or is invalid
     */
    public ModelCard card(String name) throws ModelNotFoundException, IOException {
        if (name == null || loader.getResource(cardResource(name)) == null) {
            List<String> known = new ArrayList<>();
            for (ModelCard c : listModels()) {
                known.add(c.name());
            }
            throw new ModelNotFoundException(
                    "No model '" + name + "' in the FaceSR zoo: expected " + cardResource(name)
                            + " on the classpath; models on the classpath: " + known);
        }
        return readCard(name);
    }

    /**
     * Loads a classpath SR model by name.
     *
     * @param name e.g. {@code fsr-x8}
     * @return the model with its {@link SuperResolutionTranslator}; close it when done
     * @throws ModelNotFoundException when the model or its weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooModel<Image, Image> loadSuperResolution(String name)
            throws ModelNotFoundException, MalformedModelException, IOException {
        return loadSuperResolution(name, TestTimeAugmentation.NONE);
    }

    /**
     * Loads a classpath super-resolution model by name, run with a test-time augmentation.
     *
     * @param name e.g. {@code fsr-x8}
     * @param tta how to run the network ({@link TestTimeAugmentation#FLIP}: twice the compute)
     * @return the model with its {@link SuperResolutionTranslator}; close it when done
     * @throws ModelNotFoundException when the model or its weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooModel<Image, Image> loadSuperResolution(String name, TestTimeAugmentation tta)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(card(name), ModelKind.SUPER_RESOLUTION);
        return loadFromClasspath(card, tta.wrap(rebuild(card)), Image.class, Image.class,
                SuperResolutionTranslator.forCard(card));
    }

    /**
     * Loads a classpath landmark model by name.
     *
     * @param name e.g. {@code landmarks68}
     * @return the model with its {@link LandmarkTranslator}; close it when done
     * @throws ModelNotFoundException when the model or its weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooModel<Image, float[][]> loadLandmarks(String name)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(card(name), ModelKind.LANDMARKS);
        return loadFromClasspath(card, rebuild(card), Image.class, float[][].class,
                new LandmarkTranslator(card.name(), card.inputSize()));
    }

    /**
     * Opens a classpath landmark model as a thread-safe pipeline {@link ZooLandmarkEstimator}
     * (framed for {@link dev.facesr.models.detect.HaarFaceDetector} boxes, one refinement pass).
     *
     * @param name e.g. {@code landmarks68}
     * @return the estimator; close it when done
     * @throws ModelNotFoundException when the model is absent or has no trained weights
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooLandmarkEstimator landmarkEstimator(String name)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(card(name), ModelKind.LANDMARKS);
        return new ZooLandmarkEstimator(card, loadLandmarks(name), ZooLandmarkEstimator.Framing.HAAR_BOX, 1);
    }

    /**
     * Loads a classpath identity model by name.
     *
     * @param name e.g. {@code identity} or {@code identity-lr16}
     * @return the model with its {@link IdentityTranslator}; close it when done
     * @throws ModelNotFoundException when the model or its weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooModel<Image, float[]> loadIdentity(String name)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(card(name), ModelKind.IDENTITY);
        return loadFromClasspath(card, rebuild(card), Image.class, float[].class,
                IdentityTranslator.forCard(card));
    }

    /**
     * Opens a classpath identity model as a thread-safe {@link ZooFaceEmbedder}.
     *
     * @param name e.g. {@code identity} (the 128x128 teacher) or {@link
     *     #lowResolutionName(String) identity-lr16} (its 16x16 student)
     * @return the embedder; close it when done
     * @throws ModelNotFoundException when the model is absent or has no trained weights
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooFaceEmbedder embedder(String name)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(card(name), ModelKind.IDENTITY);
        return new ZooFaceEmbedder(card, loadIdentity(name));
    }

    /**
     * Opens a classpath SR model as a thread-safe {@link ZooFaceUpscaler}.
     *
     * @param name e.g. {@code fsr-x8}
     * @return the upscaler; close it when done
     * @throws ModelNotFoundException when the model or its weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooFaceUpscaler upscaler(String name)
            throws ModelNotFoundException, MalformedModelException, IOException {
        return upscaler(name, TestTimeAugmentation.NONE);
    }

    /**
     * Opens a classpath SR model as a thread-safe {@link ZooFaceUpscaler} run with a test-time
     * augmentation.
     *
     * @param name e.g. {@code fsr-x8}
     * @param tta how to run the network ({@link TestTimeAugmentation#FLIP}: twice the compute)
     * @return the upscaler; close it when done
     * @throws ModelNotFoundException when the model or its weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public ZooFaceUpscaler upscaler(String name, TestTimeAugmentation tta)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = card(name);
        return new ZooFaceUpscaler(card, loadSuperResolution(name, tta), tta);
    }

    /**
     * Reads the card of a model directory.
     *
     * @param modelDir a directory holding {@code model-card.json}
     * @return the card
     * @throws ModelNotFoundException when the directory has no card
     * @throws IOException when the card cannot be read or is invalid
     */
    public static ModelCard cardOf(Path modelDir) throws ModelNotFoundException, IOException {
        Path file = modelDir.resolve(ModelCard.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelNotFoundException(
                    "No model in " + modelDir + ": expected the card " + file);
        }
        return ModelCards.read(file);
    }

    /**
     * Loads an SR model from a directory with the zoo layout (a user's own model).
     *
     * @param modelDir the model directory
     * @return the model with its translator; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooModel<Image, Image> loadSuperResolution(Path modelDir)
            throws ModelNotFoundException, MalformedModelException, IOException {
        return loadSuperResolution(modelDir, TestTimeAugmentation.NONE);
    }

    /**
     * Loads an SR model from a directory with the zoo layout, run with a test-time augmentation.
     *
     * @param modelDir the model directory
     * @param tta how to run the network
     * @return the model with its translator; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooModel<Image, Image> loadSuperResolution(Path modelDir, TestTimeAugmentation tta)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(cardOf(modelDir), ModelKind.SUPER_RESOLUTION);
        return loadVerified(card, tta.wrap(rebuild(card)), modelDir,
                modelDir.resolve(card.weightsFile()).toString(), Image.class, Image.class,
                SuperResolutionTranslator.forCard(card));
    }

    /**
     * Loads a landmark model from a directory with the zoo layout.
     *
     * @param modelDir the model directory
     * @return the model with its translator; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooModel<Image, float[][]> loadLandmarks(Path modelDir)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(cardOf(modelDir), ModelKind.LANDMARKS);
        return loadVerified(card, rebuild(card), modelDir, modelDir.resolve(card.weightsFile()).toString(),
                Image.class, float[][].class, new LandmarkTranslator(card.name(),
                        card.inputSize()));
    }

    /**
     * Loads an identity model from a directory with the zoo layout.
     *
     * @param modelDir the model directory
     * @return the model with its translator; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooModel<Image, float[]> loadIdentity(Path modelDir)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(cardOf(modelDir), ModelKind.IDENTITY);
        return loadVerified(card, rebuild(card), modelDir, modelDir.resolve(card.weightsFile()).toString(),
                Image.class, float[].class, IdentityTranslator.forCard(card));
    }

    /**
     * Opens an identity model directory as a thread-safe {@link ZooFaceEmbedder}.
     *
     * @param modelDir the model directory
     * @return the embedder; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooFaceEmbedder embedder(Path modelDir)
            throws ModelNotFoundException, MalformedModelException, IOException {
        ModelCard card = requireKind(cardOf(modelDir), ModelKind.IDENTITY);
        return new ZooFaceEmbedder(card, loadIdentity(modelDir));
    }

    /**
     * Opens an SR model directory as a thread-safe {@link ZooFaceUpscaler}.
     *
     * @param modelDir the model directory
     * @return the upscaler; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooFaceUpscaler upscaler(Path modelDir)
            throws ModelNotFoundException, MalformedModelException, IOException {
        return upscaler(modelDir, TestTimeAugmentation.NONE);
    }

    /**
     * Opens an SR model directory as a thread-safe {@link ZooFaceUpscaler} run with a test-time
     * augmentation.
     *
     * @param modelDir the model directory
     * @param tta how to run the network
     * @return the upscaler; close it when done
     * @throws ModelNotFoundException when the card or the weights file is absent
     * @throws MalformedModelException when the weights do not match the card or cannot be read
     * @throws IOException on other read errors
     */
    public static ZooFaceUpscaler upscaler(Path modelDir, TestTimeAugmentation tta)
            throws ModelNotFoundException, MalformedModelException, IOException {
        return new ZooFaceUpscaler(cardOf(modelDir), loadSuperResolution(modelDir, tta), tta);
    }

    private static Block rebuild(ModelCard card) {
        return Architectures.build(card.architecture(), card.arguments());
    }

    private static String cardResource(String name) {
        return RESOURCE_ROOT + name + "/" + ModelCard.FILE_NAME;
    }

    private ModelCard readCard(String name) throws IOException {
        String resource = cardResource(name);
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Cannot open " + resource);
            }
            ModelCard card = ModelCards.read(in, "classpath:" + resource);
            if (!card.name().equals(name)) {
                throw new IOException("Model card classpath:" + resource + " names the model '"
                        + card.name() + "'; the folder and the card name must agree");
            }
            return card;
        }
    }

    private static ModelCard requireKind(ModelCard card, ModelKind kind) {
        if (card.kind() != kind) {
            throw new IllegalArgumentException(
                    "Model '" + card.name() + "' is a " + card.kind() + " model (architecture "
                            + card.architecture() + "), not " + kind);
        }
        return card;
    }

    private <I, O> ZooModel<I, O> loadFromClasspath(
            ModelCard card, Block block, Class<I> in, Class<O> out, Translator<I, O> translator)
            throws ModelNotFoundException, MalformedModelException, IOException {
        String resource = RESOURCE_ROOT + card.name() + "/" + card.weightsFile();
        if (!card.hasWeights()) {
            throw new ModelNotFoundException(
                    "Model '" + card.name() + "' has no trained weights yet: its card has no"
                            + " sha256 and the zoo expects the weights file " + resource
                            + " on the classpath. Train the model and export it with"
                            + " ModelExporter.export (see docs/models.md).");
        }
        URL weights = loader.getResource(resource);
        if (weights == null) {
            throw new ModelNotFoundException(
                    "Model '" + card.name() + "': the weights file " + resource + " is not on"
                            + " the classpath (its card expects " + card.weightsBytes()
                            + " bytes with SHA-256 " + card.sha256() + ")");
        }
        if ("file".equals(weights.getProtocol())) {
            try {
                Path file = Paths.get(weights.toURI());
                return loadVerified(card, block, file.getParent(), "classpath:" + resource, in, out,
                        translator);
            } catch (URISyntaxException e) {
                throw new IOException("Bad classpath URL " + weights, e);
            }
        }
        Path tmp = Files.createTempDirectory("facesr-" + card.name() + "-");
        try {
            try (InputStream s = weights.openStream()) {
                Files.copy(s, tmp.resolve(card.weightsFile()));
            }
            return loadVerified(card, block, tmp, "classpath:" + resource + " (" + weights + ")", in,
                    out, translator);
        } finally {
            deleteTree(tmp);
        }
    }

    private static <I, O> ZooModel<I, O> loadVerified(
            ModelCard card, Block block, Path dir, String where, Class<I> in, Class<O> out,
            Translator<I, O> translator)
            throws ModelNotFoundException, MalformedModelException, IOException {
        Path file = dir.resolve(card.weightsFile());
        if (!card.hasWeights()) {
            throw new ModelNotFoundException(
                    "Model '" + card.name() + "' has no trained weights: its card has no sha256;"
                            + " expected the weights file " + where + " and its SHA-256 in "
                            + ModelCard.FILE_NAME);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelNotFoundException(
                    "Model '" + card.name() + "': the weights file " + where + " is missing");
        }
        long size = Files.size(file);
        String sha = ModelCards.sha256(file);
        if (!sha.equals(card.sha256())) {
            String sizes = card.weightsBytes() > 0 && size != card.weightsBytes()
                    ? " It has " + size + " bytes but the card says " + card.weightsBytes()
                            + (size < card.weightsBytes() ? " (truncated?)." : ".")
                    : "";
            throw new MalformedModelException(
                    "Model '" + card.name() + "': the weights file " + where + " is corrupted or"
                            + " not the one its card describes: SHA-256 " + sha + ", card says "
                            + card.sha256() + "." + sizes + " Re-export or re-download the"
                            + " model.");
        }
        Criteria<I, O> criteria =
                Criteria.builder()
                        .setTypes(in, out)
                        .optModelPath(dir)
                        .optModelName(card.weightsPrefix())
                        .optOption("epoch", String.valueOf(card.weightsEpoch()))
                        .optBlock(block)
                        .optTranslator(translator)
                        .build();
        ZooModel<I, O> model = null;
        try {
            model = criteria.loadModel();
            // float16 weights (half the file size) compute in float32 after loading
            ParameterPrecision.convert(model.getBlock(), DataType.FLOAT32);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            throw new MalformedModelException(
                    "Model '" + card.name() + "': cannot load the weights file " + where
                            + " into a " + card.architecture() + " block rebuilt from its card ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "). The file"
                            + " may be truncated or written by another architecture version;"
                            + " re-export the model.",
                    e);
        }
    }

    private static Set<String> namesUnder(URL root) throws IOException {
        Set<String> names = new TreeSet<>();
        if ("file".equals(root.getProtocol())) {
            Path dir;
            try {
                dir = Paths.get(root.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Bad classpath URL " + root, e);
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    if (Files.isRegularFile(child.resolve(ModelCard.FILE_NAME))) {
                        names.add(child.getFileName().toString());
                    }
                }
            }
        } else if ("jar".equals(root.getProtocol())) {
            URLConnection c = root.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
                for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                    String n = entry.getName();
                    if (n.startsWith(RESOURCE_ROOT) && n.endsWith("/" + ModelCard.FILE_NAME)) {
                        String middle = n.substring(RESOURCE_ROOT.length(),
                                n.length() - ModelCard.FILE_NAME.length() - 1);
                        if (!middle.isEmpty() && !middle.contains("/")) {
                            names.add(middle);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
