package dev.facesr.core.components;

import dev.facesr.core.train.config.ComponentProvider;
import dev.facesr.core.train.config.ComponentRegistries;

/**
 * Registers every fsr-core component for configuration files: the role blocks ({@code
 * encoder}, {@code decoder}, {@code regressor}, {@code generator}, {@code discriminator}), the
 * losses, the degradations, the face datasets and the {@code psnr}/{@code ssim} validation
 * metrics. Found by {@link ComponentRegistries#discover()} through {@code
 * META-INF/services}; {@code docs/training.md} lists every name with its arguments.
 */
public final class CoreComponentProvider implements ComponentProvider {

    /** Makes the provider (called by {@link java.util.ServiceLoader}). */
    public CoreComponentProvider() {}

    @Override
    public void register(ComponentRegistries registries) {
        BlockComponents.register(registries.blocks());
        LossComponents.register(registries.losses());
        DegradationComponents.register(registries.degradations());
        DatasetComponents.register(registries.datasets());
        MetricComponents.register(registries.metrics());
    }
}
