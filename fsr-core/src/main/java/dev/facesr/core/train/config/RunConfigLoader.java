package dev.facesr.core.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link RunConfig} from YAML ({@code .yaml}/{@code .yml}) or JSON (any other name).
 * Unknown fields are rejected with the field's location; a single name is accepted where a
 * list of names is expected ({@code network: generator}). {@code ${name}} is replaced by the
 * system property {@code name} before parsing ({@link #substitute}); {@code ${fsr.datasets}}
 * defaults to {@code ../shared/datasets} (resolved against the working directory).
 */
public final class RunConfigLoader {

    /** The variable naming the shared datasets folder. */
    public static final String DATASETS = "fsr.datasets";

    /** The value of {@code ${fsr.datasets}} when the system property is not set. */
    public static final String DEFAULT_DATASETS = "../shared/datasets";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private RunConfigLoader() {}

    /**
     * Reads a configuration file.
     *
     * @param file the file
     * @return the configuration
     * @throws IOException if the file cannot be read or is malformed (the message says where)
     */
    public static RunConfig load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        String text = Files.readString(file);
        try {
            return parse(text, yaml);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the shared datasets folder: the system property {@code fsr.datasets}, else
     * {@code ../shared/datasets}, made absolute against the working directory.
     *
     * @return the folder (it may not exist)
     */
    public static Path datasetsDirectory() {
        return Path.of(System.getProperty(DATASETS, DEFAULT_DATASETS)).toAbsolutePath()
                .normalize();
    }

    /**
     * Replaces every {@code ${name}} in a configuration text by the system property
     * {@code name}. {@code ${fsr.datasets}} defaults to {@code ../shared/datasets}; its value is
     * made absolute against the working directory, so it does not depend on where the file is.
     *
     * @param text the text
     * @return the text with the variables replaced
     * @throws IOException if a variable is not set (the message gives its line)
     */
    public static String substitute(String text) throws IOException {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value = System.getProperty(variable);
            if (DATASETS.equals(variable)) {
                value = datasetsDirectory().toString();
            }
            if (value == null) {
                int line = 1 + (int) text.substring(0, m.start()).chars()
                        .filter(c -> c == '\n').count();
                throw new IOException("unknown variable ${" + variable + "} at line " + line
                        + "; set it with -D" + variable + "=... (known without setting: ${"
                        + DATASETS + "})");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Parses a configuration text.
     *
     * @param text the text
     * @param yaml true for YAML, false for JSON
     * @return the configuration
     * @throws IOException if the text is malformed (the message says where)
     */
    public static RunConfig parse(String text, boolean yaml) throws IOException {
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        String substituted = substitute(text);
        try {
            return mapper.readValue(substituted, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException("run configuration is malformed: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()), e);
        }
    }
}
