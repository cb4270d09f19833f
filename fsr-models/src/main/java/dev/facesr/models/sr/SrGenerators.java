package dev.facesr.models.sr;

import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.role.Generator;
import java.util.List;
import java.util.Locale;

/**
 * The generator settings of the shipped PSNR-oriented super-resolution models, by name
 * (zoo architecture {@code "generator"}).
 *
 * <p>All are fsr-core {@link Generator}s in upscale mode without batch norm, with residual scaling 0.1 (EDSR: keeps the un-normalised residual sum from
 * exploding at initialisation), a tapered
 * pixel-shuffle upsampler (narrow channels where the resolution is high, which is what makes
 * them trainable on a 2-core CPU) and a global bilinear residual over the input.
 */
public enum SrGenerators {
    /** The default 8x model: 16x16 -> 128x128, 64 channels, 12 residual blocks. */
    FSR_X8(8, 64, 12, List.of(64, 32, 16)),
    /**
     * The 4x model: 32x32 -> 128x128, 32 channels, 8 residual blocks. Lighter than the 8x body
     * because its body runs on 4 times as many pixels: about a sixth of the 64-channel,
     * 12-block body's compute, so it trains (and runs) in the CPU budget.
     */
    FSR_X4(4, 32, 8, List.of(32, 32));

    private final int scale;
    private final int channels;
    private final int blocks;
    private final List<Integer> upsampleChannels;

    SrGenerators(int scale, int channels, int blocks, List<Integer> upsampleChannels) {
        this.scale = scale;
        this.channels = channels;
        this.blocks = blocks;
        this.upsampleChannels = upsampleChannels;
    }

    /** @return the upscaling factor */
    public int scale() {
        return scale;
    }

    /** @return the model name, e.g. {@code fsr-x8} */
    public String modelName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Builds a fresh, uninitialised generator.
     *
     * @return the generator
     */
    public Generator newGenerator() {
        return Generator.builder()
                .setScale(scale)
                .optChannels(channels)
                .optResidualBlocks(blocks)
                .optNorm(NormType.NONE)
                .optActivation(ActivationType.PRELU)
                .optUpsampleActivation(ActivationType.PRELU)
                .optHeadKernel(3)
                .optTailKernel(3)
                .optUpsampleChannels(upsampleChannels)
                .optResidualScale(0.1f)
                .optGlobalResidual(true)
                .build();
    }

    /**
     * Finds an architecture by model name.
     *
     * @param name e.g. {@code fsr-x8}
     * @return the architecture
     * @throws IllegalArgumentException naming the known models when none matches
     */
    public static SrGenerators byName(String name) {
        for (SrGenerators a : values()) {
            if (a.modelName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown model '" + name + "'; known: "
                + java.util.Arrays.stream(values()).map(SrGenerators::modelName).toList());
    }
}
