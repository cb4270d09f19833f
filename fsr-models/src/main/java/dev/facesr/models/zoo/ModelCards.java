package dev.facesr.models.zoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@link ModelCard}s as {@code model-card.json}, and computes SHA-256 digests of
 * weights files. The JSON layout:
 *
 * <pre>{@code
 * {
 *   "name": "fsr-x8", "version": "1.0.0", "description": "...",
 *   "architecture": {"name": "crossdomain", "arguments": {...}},
 *   "inputSize": 16, "outputSize": 128, "scale": 8.0,
 *   "training": {"data": "celeba/train", "crop": "...", "degradation": "...",
 *                "recipe": "...", "steps": 100000, "seed": 42, "commit": "abc123"},
 *   "metrics": {"celeba-val.psnr-y": 25.1},
 *   "weights": {"file": "fsr-x8-0000.params", "bytes": 123456, "sha256": "...", "dtype": "float32"}
 * }
 * }</pre>
 */
public final class ModelCards {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCards() {}

    /**
     * Writes a card as JSON.
     *
     * @param card the card
     * @param file the file to write (usually {@code <modelDir>/model-card.json})
     * @throws IOException when the file cannot be written
     */
    public static void write(ModelCard card, Path file) throws IOException {
        Files.writeString(file, toJson(card) + "\n");
    }

    /**
     * Formats a card as JSON.
     *
     * @param card the card
     * @return indented JSON
     */
    public static String toJson(ModelCard card) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", card.name());
        m.put("version", card.version());
        if (card.description() != null) {
            m.put("description", card.description());
        }
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("name", card.architecture());
        arch.put("arguments", card.arguments());
        m.put("architecture", arch);
        m.put("inputSize", card.inputSize());
        m.put("outputSize", card.outputSize());
        m.put("scale", card.scale());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", card.trainingData());
        training.put("crop", card.crop());
        training.put("degradation", card.degradation());
        training.put("recipe", card.recipe());
        training.put("steps", card.steps());
        training.put("seed", card.seed());
        training.put("commit", card.commit());
        m.put("training", training);
        m.put("metrics", card.metrics());
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("file", card.weightsFile());
        weights.put("bytes", card.weightsBytes());
        weights.put("sha256", card.sha256());
        weights.put("dtype", card.weightsDataType());
        m.put("weights", weights);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot format model card " + card.name(), e);
        }
    }

    /**
     * Reads a card file.
     *
     * @param file a {@code model-card.json}
     * @return the card
     * @throws IOException when the file cannot be read or is not a valid card (the message names
     *     the file and the problem)
     */
    public static ModelCard read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a card from a stream.
     *
     * @param in the JSON stream (not closed)
     * @param source where it comes from, for messages
     * @return the card
     * @throws IOException when the stream cannot be read or is not a valid card
     */
    public static ModelCard read(InputStream in, String source) throws IOException {
        Map<?, ?> m;
        try {
            m = JSON.readValue(in, Map.class);
        } catch (JsonProcessingException e) {
            throw new IOException("Model card " + source + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        try {
            ModelCard.Builder b = ModelCard.builder().setName(string(m, "name"));
            if (m.get("version") != null) {
                b.optVersion(string(m, "version"));
            }
            b.optDescription((String) m.get("description"));
            Map<?, ?> arch = map(m, "architecture");
            b.setArchitecture(string(arch, "name"), stringKeys(map(arch, "arguments")));
            b.setSizes(number(m, "inputSize").intValue(), number(m, "outputSize").intValue());
            if (m.get("training") != null) {
                Map<?, ?> t = map(m, "training");
                b.optTrainingData((String) t.get("data"), (String) t.get("crop"));
                b.optDegradation((String) t.get("degradation"));
                b.optTraining((String) t.get("recipe"), longOr(t, "steps"), longOr(t, "seed"),
                        (String) t.get("commit"));
            }
            if (m.get("metrics") != null) {
                for (Map.Entry<?, ?> e : map(m, "metrics").entrySet()) {
                    if (!(e.getValue() instanceof Number)) {
                        throw new IllegalArgumentException(
                                "metric '" + e.getKey() + "' must be a number");
                    }
                    b.addMetric(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
                }
            }
            Map<?, ?> w = map(m, "weights");
            b.optWeights((String) w.get("file"), longOr(w, "bytes"), (String) w.get("sha256"));
            if (w.get("dtype") != null) {
                b.optWeightsDataType(String.valueOf(w.get("dtype")));
            }
            return b.build();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("Model card " + source + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Computes the SHA-256 of a file.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws IOException when the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /**
     * Computes the SHA-256 of a stream's remaining bytes.
     *
     * @param in the stream (read to its end, not closed)
     * @return 64 lower-case hex digits
     * @throws IOException when the stream cannot be read
     */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buf = new byte[1 << 16];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            digest.update(buf, 0, n);
        }
        return hex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16))
                    .append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private static String string(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' must be a string, got " + v);
        }
        return (String) v;
    }

    private static Number number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + v);
        }
        return (Number) v;
    }

    private static long longOr(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? 0L : number(m, key).longValue();
    }

    private static Map<?, ?> map(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("'" + key + "' must be an object, got " + v);
        }
        return (Map<?, ?>) v;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
