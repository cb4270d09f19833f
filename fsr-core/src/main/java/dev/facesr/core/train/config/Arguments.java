package dev.facesr.core.train.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one component in a configuration: plain values from the file (typed getters
 * that fail with the owner and key in the message), references to other named components of the
 * same configuration, and objects the assembler supplies (e.g. a loss's terms or weight).
 */
public final class Arguments {

    /** Looks up named components already built from the configuration. */
    @FunctionalInterface
    public interface Resolver {
        /**
         * Finds a built component.
         *
         * @param section the section, e.g. "degradations", "blocks", "losses"
         * @param name the component's name in that section
         * @return the component, or null when there is none
         */
        Object resolve(String section, String name);

        /**
         * Lists the names of a section (for messages).
         *
         * @param section the section
         * @return the names
         */
        default Set<String> names(String section) {
            return Set.of();
        }
    }

    private final String owner;
    private final Map<String, Object> values;
    private final Map<String, Object> supplied;
    private final Resolver resolver;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * Makes arguments.
     *
     * @param owner where they come from, e.g. "blocks.encoder" (for messages)
     * @param values the values from the file (may be null)
     * @param supplied objects supplied by the assembler, not from the file (may be null)
     * @param resolver finds referenced components (may be null when there are none)
     */
    public Arguments(String owner, Map<String, ?> values, Map<String, ?> supplied,
            Resolver resolver) {
        this.owner = owner == null ? "" : owner;
        this.values = values == null ? Map.of() : Collections.unmodifiableMap(
                new LinkedHashMap<>(values));
        this.supplied = supplied == null ? Map.of() : Collections.unmodifiableMap(
                new LinkedHashMap<>(supplied));
        this.resolver = resolver;
    }

    /**
     * Makes arguments from plain values only.
     *
     * @param values the values
     * @return the arguments
     */
    public static Arguments of(Map<String, ?> values) {
        return new Arguments("", values, null, null);
    }

    /**
     * Returns where these arguments come from.
     *
     * @return the owner, e.g. "blocks.encoder"
     */
    public String getOwner() {
        return owner;
    }

    /**
     * Tells whether a value is present.
     *
     * @param key the key
     * @return true if present
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * Returns a required string.
     *
     * @param key the key
     * @return the value
     */
    public String getString(String key) {
        return require(key, String.class, "a string");
    }

    /**
     * Returns an optional string.
     *
     * @param key the key
     * @param fallback the value when absent
     * @return the value
     */
    public String getString(String key, String fallback) {
        return has(key) ? getString(key) : markRead(key, fallback);
    }

    /**
     * Returns a required integer.
     *
     * @param key the key
     * @return the value
     */
    public int getInt(String key) {
        Number n = require(key, Number.class, "an integer");
        if (n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw wrong(key, "an integer", n);
        }
        return n.intValue();
    }

    /**
     * Returns an optional integer.
     *
     * @param key the key
     * @param fallback the value when absent
     * @return the value
     */
    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : markRead(key, fallback);
    }

    /**
     * Returns a required number as a float.
     *
     * @param key the key
     * @return the value
     */
    public float getFloat(String key) {
        return require(key, Number.class, "a number").floatValue();
    }

    /**
     * Returns an optional number as a float.
     *
     * @param key the key
     * @param fallback the value when absent
     * @return the value
     */
    public float getFloat(String key, float fallback) {
        return has(key) ? getFloat(key) : markRead(key, fallback);
    }

    /**
     * Returns an optional boolean.
     *
     * @param key the key
     * @param fallback the value when absent
     * @return the value
     */
    public boolean getBoolean(String key, boolean fallback) {
        return has(key) ? require(key, Boolean.class, "true or false") : markRead(key, fallback);
    }

    /**
     * Returns a required list of integers.
     *
     * @param key the key
     * @return the values
     */
    public int[] getIntArray(String key) {
        List<?> list = require(key, List.class, "a list of integers");
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Number) || ((Number) o).doubleValue()
                    != Math.rint(((Number) o).doubleValue())) {
                throw wrong(key, "a list of integers", list);
            }
            out[i] = ((Number) o).intValue();
        }
        return out;
    }

    /**
     * Returns a required list of numbers as floats.
     *
     * @param key the key
     * @return the values
     */
    public float[] getFloatArray(String key) {
        List<?> list = require(key, List.class, "a list of numbers");
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number)) {
                throw wrong(key, "a list of numbers", list);
            }
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }

    /**
     * Returns a required list of strings; a single string counts as a list of one.
     *
     * @param key the key
     * @return the values
     */
    public List<String> getStringList(String key) {
        Object v = require(key, Object.class, "a string or a list of strings");
        if (v instanceof String) {
            return List.of((String) v);
        }
        if (!(v instanceof List)) {
            throw wrong(key, "a string or a list of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw wrong(key, "a string or a list of strings", v);
            }
            out.add((String) o);
        }
        return out;
    }

    /**
     * Returns every value from the file and marks them all read: for a factory that hands the
     * whole map to a builder which checks the keys itself (e.g. a block's {@code fromArguments}).
     *
     * @return the values, unmodifiable
     */
    public Map<String, Object> takeAll() {
        read.addAll(values.keySet());
        return values;
    }

    /**
     * Returns the components of the same configuration named by a string or a list of strings.
     *
     * @param key the key whose value is one name or a list of names
     * @param section the section they are defined in, e.g. "degradations"
     * @param type the expected type
     * @param <T> the expected type
     * @return the components, in the order given
     */
    public <T> List<T> getReferences(String key, String section, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (String name : getStringList(key)) {
            out.add(resolve(key, name, section, type));
        }
        return out;
    }

    /**
     * Returns a component of the same configuration named by a string argument.
     *
     * @param key the key whose value is the component's name
     * @param section the section it is defined in, e.g. "degradations"
     * @param type the expected type
     * @param <T> the expected type
     * @return the component
     */
    public <T> T getReference(String key, String section, Class<T> type) {
        return resolve(key, getString(key), section, type);
    }

    private <T> T resolve(String key, String name, String section, Class<T> type) {
        Object o = resolver == null ? null : resolver.resolve(section, name);
        if (o == null) {
            throw new IllegalArgumentException(owner + "." + key + " names unknown " + section
                    + " entry '" + name + "'; known: "
                    + (resolver == null ? Set.of() : new TreeSet<>(resolver.names(section))));
        }
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException(owner + "." + key + " names '" + name + "', a "
                    + o.getClass().getSimpleName() + ", but a " + type.getSimpleName()
                    + " is needed");
        }
        return type.cast(o);
    }

    /**
     * Returns an object the assembler supplied (e.g. "weight", "terms", "learningRate").
     *
     * @param key the key
     * @param type the expected type
     * @param <T> the expected type
     * @return the object
     */
    public <T> T getSupplied(String key, Class<T> type) {
        Object o = supplied.get(key);
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException(owner + ": expected a supplied " + key + " of"
                    + " type " + type.getSimpleName() + " but found " + o);
        }
        return type.cast(o);
    }

    /**
     * Tells whether the assembler supplied an object under a key.
     *
     * @param key the key
     * @return true if supplied
     */
    public boolean hasSupplied(String key) {
        return supplied.containsKey(key);
    }

    /**
     * Returns a supplied list of objects of one type (e.g. a composite loss's terms).
     *
     * @param key the key
     * @param type the element type
     * @param <T> the element type
     * @return the list (empty when nothing was supplied)
     */
    public <T> List<T> getSuppliedList(String key, Class<T> type) {
        Object o = supplied.get(key);
        if (o == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (Object e : (List<?>) o) {
            out.add(type.cast(e));
        }
        return out;
    }

    /**
     * Returns the keys that were read so far.
     *
     * @return the read keys
     */
    public Set<String> getReadKeys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(read));
    }

    /**
     * Returns the keys of the file's values that were not read.
     *
     * @return the unread keys, sorted
     */
    public Set<String> getUnreadKeys() {
        Set<String> out = new TreeSet<>(values.keySet());
        out.removeAll(read);
        return out;
    }

    private <T> T require(String key, Class<T> type, String what) {
        read.add(key);
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(owner + ": missing argument '" + key + "' ("
                    + what + ")");
        }
        Object v = values.get(key);
        if (!type.isInstance(v)) {
            throw wrong(key, what, v);
        }
        return type.cast(v);
    }

    private <T> T markRead(String key, T fallback) {
        read.add(key);
        return fallback;
    }

    private IllegalArgumentException wrong(String key, String what, Object v) {
        return new IllegalArgumentException(owner + ": argument '" + key + "' must be " + what
                + ", got " + v);
    }
}
