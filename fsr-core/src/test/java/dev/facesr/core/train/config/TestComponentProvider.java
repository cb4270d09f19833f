package dev.facesr.core.train.config;

import dev.facesr.core.train.TinyNets;

/** Registers a test block, found through META-INF/services by ComponentRegistries.discover(). */
public final class TestComponentProvider implements ComponentProvider {

    @Override
    public void register(ComponentRegistries registries) {
        registries.blocks().register("discovered-generator", a -> TinyNets.generator());
    }
}
