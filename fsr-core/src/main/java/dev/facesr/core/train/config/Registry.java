package dev.facesr.core.train.config;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps names to factories of one kind of component (blocks, losses, degradations, ...). A
 * factory builds a component from {@link Arguments}; after it returns, every argument must have
 * been read, so a misspelt argument is an error instead of being ignored.
 *
 * @param <T> the component type
 */
public final class Registry<T> {

    /**
     * Builds a component from arguments.
     *
     * @param <T> the component type
     */
    @FunctionalInterface
    public interface Factory<T> {
        /**
         * Builds the component.
         *
         * @param args the arguments (read them with the typed getters)
         * @return the component
         */
        T create(Arguments args);
    }

    private final String kind;
    private final Map<String, Factory<? extends T>> factories = new TreeMap<>();

    /**
     * Makes an empty registry.
     *
     * @param kind what it holds, singular, for messages (e.g. "block")
     */
    public Registry(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("registry kind must be named, e.g. \"block\"");
        }
        this.kind = kind;
    }

    /**
     * Returns what this registry holds.
     *
     * @return the kind, e.g. "block"
     */
    public String getKind() {
        return kind;
    }

    /**
     * Registers a factory under a name.
     *
     * @param name the name used in configuration files
     * @param factory the factory
     * @return this registry
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    public synchronized Registry<T> register(String name, Factory<? extends T> factory) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(kind + " name must not be blank");
        }
        if (factory == null) {
            throw new IllegalArgumentException(kind + " '" + name + "': factory is null");
        }
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException(kind + " '" + name + "' is already registered;"
                    + " pick another name");
        }
        factories.put(name, factory);
        return this;
    }

    /**
     * Returns the registered names, sorted.
     *
     * @return the names
     */
    public synchronized Set<String> getNames() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(factories.keySet()));
    }

    /**
     * Tells whether a name is registered.
     *
     * @param name the name
     * @return true if registered
     */
    public synchronized boolean contains(String name) {
        return factories.containsKey(name);
    }

    /**
     * Returns the plural of a kind name for messages ("loss" -> "losses", "block" -> "blocks").
     *
     * @param kind a singular kind name
     * @return its plural
     */
    static String plural(String kind) {
        return kind.endsWith("s") ? kind + "es" : kind + "s";
    }

    /**
     * Builds the component registered under {@code name}.
     *
     * @param name the name
     * @param args its arguments
     * @return the component
     * @throws IllegalArgumentException if the name is unknown (the message lists the known
     *     names), an argument is missing or of the wrong type, or an argument was not read
     */
    public T create(String name, Arguments args) {
        Factory<? extends T> factory;
        synchronized (this) {
            factory = factories.get(name);
        }
        if (factory == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'"
                    + (args.getOwner().isEmpty() ? "" : " in " + args.getOwner()) + "; known "
                    + plural(kind) + ": " + getNames());
        }
        T component = factory.create(args);
        if (component == null) {
            throw new IllegalStateException(kind + " factory '" + name + "' returned null");
        }
        Set<String> unread = args.getUnreadKeys();
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException(kind + " '" + name + "' in " + args.getOwner()
                    + " does not take argument(s) " + unread + "; it read " + args.getReadKeys());
        }
        return component;
    }
}
