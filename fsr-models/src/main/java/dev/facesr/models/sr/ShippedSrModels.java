package dev.facesr.models.sr;

import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.models.baseline.FastSr;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fixed-scale super-resolution models FaceSR ships and trains the same way (L1 on CelebA with
 * MATLAB bicubic inputs): the residual {@link SrGenerators} and the {@link FastSr} baselines.
 * Each name is the model-zoo name of its weights; {@link #newNetwork()} builds the untrained block
 * whose arguments the shipped model card stores.
 */
public enum ShippedSrModels {
    /** The default 8x model (16 -> 128). */
    FSR_X8(8, "residual generator with a tapered pixel-shuffle upsampler"),
    /** The 4x model (32 -> 128). */
    FSR_X4(4, "residual generator with a tapered pixel-shuffle upsampler"),
    /** The fast 8x baseline (16 -> 128): 32 channels, 4 residual blocks, one pixel shuffle. */
    FAST_X8(8, "fast residual pixel-shuffle baseline (32 channels, 4 blocks, every convolution at the LR size)"),
    /** The fast 4x baseline (32 -> 128). */
    FAST_X4(4, "fast residual pixel-shuffle baseline (32 channels, 4 blocks, every convolution at the LR size)");

    private final int scale;
    private final String summary;

    ShippedSrModels(int scale, String summary) {
        this.scale = scale;
        this.summary = summary;
    }

    /** @return the upscaling factor */
    public int scale() {
        return scale;
    }

    /** @return the low-resolution input side (128 / scale) */
    public int inputSize() {
        return 128 / scale;
    }

    /** @return the model name, e.g. {@code fast-x8} */
    public String modelName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return a one-line description for the model card */
    public String description() {
        return "Face SR " + scale + "x (" + inputSize() + " -> 128): " + summary + ", trained for PSNR (L1)";
    }

    /**
     * Builds a fresh, uninitialised network of this model.
     *
     * @return the network
     */
    public RebuildableBlock newNetwork() {
        switch (this) {
            case FSR_X8:
                return SrGenerators.FSR_X8.newGenerator();
            case FSR_X4:
                return SrGenerators.FSR_X4.newGenerator();
            case FAST_X8:
                return FastSr.builder().setScale(8).build();
            case FAST_X4:
                return FastSr.builder().setScale(4).build();
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Builds a fresh, uninitialised network of this model with another body depth.
     *
     * @param residualBlocks residual blocks of the body
     * @return the network
     * @throws IllegalArgumentException for the fast baselines, whose depth is fixed
     */
    public RebuildableBlock newNetwork(int residualBlocks) {
        switch (this) {
            case FSR_X8:
                return SrGenerators.FSR_X8.newGenerator(residualBlocks);
            case FSR_X4:
                return SrGenerators.FSR_X4.newGenerator(residualBlocks);
            default:
                throw new IllegalArgumentException(modelName() + " has a fixed depth; only fsr-x8 and"
                        + " fsr-x4 take another number of residual blocks");
        }
    }

    /**
     * Finds a model by name.
     *
     * @param name e.g. {@code fsr-x8} or {@code fast-x4}
     * @return the model
     * @throws IllegalArgumentException naming the known models when none matches
     */
    public static ShippedSrModels byName(String name) {
        for (ShippedSrModels m : values()) {
            if (m.modelName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown model '" + name + "'; known: "
                + Arrays.stream(values()).map(ShippedSrModels::modelName).toList());
    }
}
