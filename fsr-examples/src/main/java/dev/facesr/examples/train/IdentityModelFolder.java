package dev.facesr.examples.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.models.identity.CosineClassifier;
import dev.facesr.models.identity.IdentityNet;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folder a {@link TrainIdentity} stage writes at its end ({@code OUT/final/}): {@code
 * identity.json} (the role {@code teacher} or {@code student}, the {@link IdentityNet}
 * arguments, parameter count, multiply-accumulates and training settings), {@code
 * network.params} and, for a teacher, {@code classifier.params} with {@code
 * classifierArguments} in the card (the class proxies the student stage may reuse).
 */
public final class IdentityModelFolder {

    /** The card file name. */
    public static final String CARD_FILE = "identity.json";
    /** The embedding network's parameter file name. */
    public static final String NETWORK_FILE = "network.params";
    /** The teacher's class-proxy parameter file name. */
    public static final String CLASSIFIER_FILE = "classifier.params";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IdentityModelFolder() {}

    /**
     * Writes a trained network (and optionally its classifier) to a folder.
     *
     * @param folder the folder, created if needed
     * @param role {@code teacher} or {@code student}
     * @param network the trained, initialised network
     * @param classifier the class proxies, or null
     * @param settings training settings recorded in the card
     * @throws IOException when a file cannot be written
     */
    public static void save(
            Path folder,
            String role,
            IdentityNet network,
            CosineClassifier classifier,
            Map<String, Object> settings)
            throws IOException {
        Files.createDirectories(folder);
        writeParams(folder.resolve(NETWORK_FILE), network);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("role", role);
        card.put("arguments", network.arguments());
        card.put("parameters", ParameterCounts.trainable(network));
        card.put("multiplyAccumulates", network.multiplyAccumulates());
        if (classifier != null) {
            writeParams(folder.resolve(CLASSIFIER_FILE), classifier);
            card.put("classifierArguments", classifier.arguments());
        }
        card.put("training", settings);
        JSON.writeValue(folder.resolve(CARD_FILE).toFile(), card);
    }

    /**
     * Reads the card of a folder.
     *
     * @param folder the folder
     * @return the card's fields
     * @throws UncheckedIOException when the card is missing or unreadable
     */
    public static Map<String, Object> card(Path folder) {
        Path file = folder.resolve(CARD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException(
                    "No " + CARD_FILE + " in " + folder + "; pass the final/ folder a TrainIdentity"
                            + " stage wrote (e.g. runs/identity-teacher/final)"));
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Loads the embedding network of a folder, initialised on a manager.
     *
     * @param folder the folder
     * @param manager holds the parameters (keep it open while the network is used)
     * @return the network with its trained parameters
     * @throws UncheckedIOException when a file is missing or unreadable
     */
    @SuppressWarnings("unchecked")
    public static IdentityNet loadNetwork(Path folder, NDManager manager) {
        Map<String, Object> args = (Map<String, Object>) card(folder).get("arguments");
        if (args == null) {
            throw new IllegalArgumentException(folder.resolve(CARD_FILE) + " has no 'arguments'");
        }
        IdentityNet net = IdentityNet.builder().fromArguments(args).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, net.inputSize(), net.inputSize()));
        readParams(folder.resolve(NETWORK_FILE), net, manager);
        return net;
    }

    /**
     * Loads the teacher's class proxies of a folder, initialised on a manager.
     *
     * @param folder a teacher folder
     * @param manager holds the parameters
     * @return the classifier with its trained proxies
     * @throws IllegalArgumentException when the folder has no classifier
     */
    @SuppressWarnings("unchecked")
    public static CosineClassifier loadClassifier(Path folder, NDManager manager) {
        Map<String, Object> args = (Map<String, Object>) card(folder).get("classifierArguments");
        if (args == null) {
            throw new IllegalArgumentException(
                    folder + " has no classifier (only a teacher folder has one)");
        }
        CosineClassifier c = CosineClassifier.builder().fromArguments(args).build();
        c.initialize(manager, DataType.FLOAT32,
                new Shape(1, ((Number) args.get("embeddingSize")).longValue()));
        readParams(folder.resolve(CLASSIFIER_FILE), c, manager);
        return c;
    }

    private static void writeParams(Path file, Block block) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file));
                DataOutputStream dos = new DataOutputStream(os)) {
            block.saveParameters(dos);
        }
    }

    private static void readParams(Path file, Block block, NDManager manager) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream data = new DataInputStream(in)) {
            block.loadParameters(manager, data);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException(
                    file + " does not fit the network described in " + CARD_FILE + ": "
                            + e.getMessage(), e);
        }
    }
}
