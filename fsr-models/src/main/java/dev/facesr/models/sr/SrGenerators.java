package dev.facesr.models.sr;

import dev.facesr.core.nn.ActivationType;
import dev.facesr.core.nn.NormType;
import dev.facesr.core.nn.ParameterTransplant;
import dev.facesr.core.nn.role.Generator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /**
     * The default 8x model: 16x16 -> 128x128, 64 channels, 20 residual blocks (0.3.0; 0.1.0 and
     * 0.2.0 had 12 and were {@linkplain #grow grown} to 20).
     */
    FSR_X8(8, 64, 20, List.of(64, 32, 16)),
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
        return newGenerator(blocks);
    }

    /** @return the number of residual blocks of the preset */
    public int residualBlocks() {
        return blocks;
    }

    /**
     * Builds a fresh, uninitialised generator of this preset with another body depth (for example
     * to {@link #grow grow} a trained network).
     *
     * @param residualBlocks residual blocks in the body, at least 1
     * @return the generator
     */
    public Generator newGenerator(int residualBlocks) {
        if (residualBlocks < 1) {
            throw new IllegalArgumentException("residualBlocks must be at least 1, got " + residualBlocks);
        }
        return Generator.builder()
                .setScale(scale)
                .optChannels(channels)
                .optResidualBlocks(residualBlocks)
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
     * Grows a trained generator into a deeper one without changing what it computes: every
     * trained parameter is copied, and each added residual block (appended after the trained ones)
     * starts with a zero last convolution, so it passes its input through unchanged until training
     * moves it. This is how a converged model gains capacity without training from scratch.
     *
     * @param trained an initialised generator
     * @param deeper an initialised generator whose arguments equal {@code trained}'s except for
     *     more residual blocks
     * @return the transplant report (copied and fresh parameters)
     * @throws IllegalArgumentException when the arguments differ otherwise or {@code deeper} is
     *     not deeper
     */
    public static ParameterTransplant grow(Generator trained, Generator deeper) {
        Map<String, Object> a = new HashMap<>(trained.arguments());
        Map<String, Object> b = new HashMap<>(deeper.arguments());
        int from = ((Number) a.remove("residualBlocks")).intValue();
        int to = ((Number) b.remove("residualBlocks")).intValue();
        if (!Objects.equals(a, b) || to < from) {
            throw new IllegalArgumentException("can only grow a generator into one with the same"
                    + " arguments and at least as many residual blocks; got " + trained.arguments()
                    + " -> " + deeper.arguments());
        }
        ParameterTransplant report = ParameterTransplant.copy(trained, deeper);
        Pattern lastConv = Pattern.compile("^body_block(\\d+)_conv2_.*");
        List<String> zeroed = new ArrayList<>();
        for (String name : report.fresh()) {
            Matcher m = lastConv.matcher(name);
            if (m.matches() && Integer.parseInt(m.group(1)) >= from) {
                zeroed.add(name);
            }
        }
        ParameterTransplant.zero(deeper, zeroed);
        return report;
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
