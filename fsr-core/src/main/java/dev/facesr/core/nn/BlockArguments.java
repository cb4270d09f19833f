package dev.facesr.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads builder arguments from a JSON-friendly map with clear messages: unknown keys are rejected
 * with the list of known ones, and each value must have the expected kind (numbers parsed from
 * JSON may arrive as {@code Integer}, {@code Long} or {@code Double}).
 */
public final class BlockArguments {

    private final String blockName;
    private final Map<String, ?> values;

    private BlockArguments(String blockName, Map<String, ?> values) {
        this.blockName = blockName;
        this.values = values;
    }

    /**
     * Checks the keys of an argument map and wraps it for reading.
     *
     * @param blockName the block's name for messages, e.g. {@code "Generator"}
     * @param values the arguments
     * @param known the argument names the block understands
     * @return a reader over {@code values}
     * @throws IllegalArgumentException when a key is unknown (the message lists the known keys)
     */
    public static BlockArguments of(String blockName, Map<String, ?> values, Set<String> known) {
        if (values == null) {
            throw new IllegalArgumentException(blockName + " arguments must not be null");
        }
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(
                        "Unknown "
                                + blockName
                                + " argument '"
                                + key
                                + "'; known arguments are "
                                + new TreeSet<>(known));
            }
        }
        return new BlockArguments(blockName, values);
    }

    /**
     * Tells whether an argument is present.
     *
     * @param key the argument name
     * @return true when the map holds {@code key}
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * Reads an integer argument.
     *
     * @param key the argument name
     * @return the value
     * @throws IllegalArgumentException when the value is not a whole number
     */
    public int getInt(String key) {
        return toInt(key, values.get(key));
    }

    /**
     * Reads a number argument as a float.
     *
     * @param key the argument name
     * @return the value
     * @throws IllegalArgumentException when the value is not a number
     */
    public float getFloat(String key) {
        Object v = values.get(key);
        if (!(v instanceof Number)) {
            throw wrongKind(key, "a number", v);
        }
        return ((Number) v).floatValue();
    }

    /**
     * Reads a boolean argument.
     *
     * @param key the argument name
     * @return the value
     * @throws IllegalArgumentException when the value is not a boolean
     */
    public boolean getBoolean(String key) {
        Object v = values.get(key);
        if (!(v instanceof Boolean)) {
            throw wrongKind(key, "true or false", v);
        }
        return (Boolean) v;
    }

    /**
     * Reads a string argument.
     *
     * @param key the argument name
     * @return the value
     * @throws IllegalArgumentException when the value is not a string
     */
    public String getString(String key) {
        Object v = values.get(key);
        if (!(v instanceof String)) {
            throw wrongKind(key, "a string", v);
        }
        return (String) v;
    }

    /**
     * Reads a list of integers.
     *
     * @param key the argument name
     * @return the values
     * @throws IllegalArgumentException when the value is not a list of whole numbers
     */
    public List<Integer> getIntList(String key) {
        Object v = values.get(key);
        if (!(v instanceof List)) {
            throw wrongKind(key, "a list of integers", v);
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : (List<?>) v) {
            out.add(toInt(key, item));
        }
        return out;
    }

    private int toInt(String key, Object v) {
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw wrongKind(key, "a whole number", v);
    }

    private IllegalArgumentException wrongKind(String key, String expected, Object v) {
        return new IllegalArgumentException(
                blockName
                        + " argument '"
                        + key
                        + "' must be "
                        + expected
                        + ", got "
                        + (v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")"));
    }

    /**
     * Parses an enum constant from its argument name (case-insensitive).
     *
     * @param type the enum class
     * @param name the name, e.g. {@code "leaky_relu"}
     * @param what what the value is, for the message, e.g. {@code "activation"}
     * @param <E> the enum type
     * @return the constant
     * @throws IllegalArgumentException listing the known names when {@code name} is unknown
     */
    public static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String what) {
        String known =
                Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
        if (name == null) {
            throw new IllegalArgumentException("Missing " + what + "; use one of: " + known);
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                "Unknown " + what + " '" + name + "'; use one of: " + known);
    }

    /**
     * Freezes an ordered argument map for {@link RebuildableBlock#arguments()}.
     *
     * @param map the arguments in builder order
     * @return an unmodifiable copy
     */
    public static Map<String, Object> freeze(LinkedHashMap<String, Object> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
