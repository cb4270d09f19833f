package dev.facesr.core.train.config;

/**
 * Registers a module's components (blocks, losses, degradations, datasets, metrics) by name.
 * Implementations are found with {@link java.util.ServiceLoader} by
 * {@link ComponentRegistries#discover()}: list the class in
 * {@code META-INF/services/dev.facesr.core.train.config.ComponentProvider}.
 */
public interface ComponentProvider {

    /**
     * Registers this module's factories.
     *
     * @param registries where to register
     */
    void register(ComponentRegistries registries);
}
