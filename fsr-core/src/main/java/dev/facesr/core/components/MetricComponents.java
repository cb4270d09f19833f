package dev.facesr.core.components;

import static dev.facesr.core.components.ConfigValues.enumValue;

import dev.facesr.core.train.ImageQualityMetric;
import dev.facesr.core.train.ValidationMetric;
import dev.facesr.core.train.config.Registry;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;

/** The validation metrics {@code psnr} and {@code ssim} over fsr-metrics. */
final class MetricComponents {

    private MetricComponents() {}

    static void register(Registry<ValidationMetric> metrics) {
        metrics.register("psnr", a -> ImageQualityMetric.psnr(a.getSupplied("name", String.class),
                Psnr.builder().optChannels(enumValue(a, "channels", ChannelMode.class,
                        ChannelMode.Y)).optCrop(a.getInt("crop", 0)).build(),
                a.getBoolean("quantize", true)));
        metrics.register("ssim", a -> ImageQualityMetric.ssim(a.getSupplied("name", String.class),
                Ssim.builder().optChannels(enumValue(a, "channels", ChannelMode.class,
                        ChannelMode.Y)).optCrop(a.getInt("crop", 0)).build(),
                a.getBoolean("quantize", true)));
    }
}
