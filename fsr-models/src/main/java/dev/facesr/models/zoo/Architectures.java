package dev.facesr.models.zoo;

import ai.djl.nn.Block;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.models.baseline.FastSr;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.landmarks.LandmarkHourglass;
import java.util.List;
import java.util.Map;

/**
 * The architectures the zoo can rebuild from a model card: {@code "crossdomain"} ({@link
 * CrossDomainSr}), {@code "fast"} ({@link FastSr}), {@code "generator"} (fsr-core's {@link
 * Generator}, e.g. the presets in {@link dev.facesr.models.sr.SrGenerators}), {@code
 * "landmarks-hourglass"} ({@link LandmarkHourglass}) and {@code "identity-net"} ({@link
 * IdentityNet}, the face identity embedders).
 */
public final class Architectures {

    /** The architecture name of fsr-core's {@link Generator}. */
    public static final String GENERATOR = "generator";

    /** Every architecture name the zoo knows. */
    public static final List<String> NAMES =
            List.of(CrossDomainSr.ARCHITECTURE, FastSr.ARCHITECTURE, GENERATOR,
                    LandmarkHourglass.ARCHITECTURE, IdentityNet.ARCHITECTURE);

    private Architectures() {}

    /**
     * Rebuilds a block from its architecture name and stored arguments (not initialised; load
     * its parameters or initialise it).
     *
     * @param architecture an architecture name from {@link #NAMES}
     * @param arguments the block's {@code arguments()} as stored in the card
     * @return the block
     * @throws IllegalArgumentException for an unknown architecture or bad arguments
     */
    public static RebuildableBlock build(String architecture, Map<String, ?> arguments) {
        switch (check(architecture)) {
            case CrossDomainSr.ARCHITECTURE:
                return CrossDomainSr.builder().fromArguments(arguments).build();
            case FastSr.ARCHITECTURE:
                return FastSr.builder().fromArguments(arguments).build();
            case GENERATOR:
                return Generator.builder().fromArguments(arguments).build();
            case IdentityNet.ARCHITECTURE:
                return IdentityNet.builder().fromArguments(arguments).build();
            default:
                return LandmarkHourglass.builder().fromArguments(arguments).build();
        }
    }

    /**
     * Returns the architecture name of a block.
     *
     * @param block a zoo block
     * @return its architecture name
     * @throws IllegalArgumentException when the block is not one of the zoo's architectures
     */
    public static String nameOf(Block block) {
        if (block instanceof CrossDomainSr) {
            return CrossDomainSr.ARCHITECTURE;
        }
        if (block instanceof FastSr) {
            return FastSr.ARCHITECTURE;
        }
        if (block instanceof Generator) {
            return GENERATOR;
        }
        if (block instanceof LandmarkHourglass) {
            return LandmarkHourglass.ARCHITECTURE;
        }
        if (block instanceof IdentityNet) {
            return IdentityNet.ARCHITECTURE;
        }
        throw new IllegalArgumentException(
                "The zoo cannot store a "
                        + (block == null ? "null block" : block.getClass().getName())
                        + "; zoo architectures are CrossDomainSr, FastSr, Generator,"
                        + " LandmarkHourglass and IdentityNet");
    }

    /**
     * Returns the kind of model an architecture makes.
     *
     * @param architecture an architecture name
     * @return its kind
     * @throws IllegalArgumentException for an unknown architecture
     */
    public static ModelKind kindOf(String architecture) {
        switch (check(architecture)) {
            case LandmarkHourglass.ARCHITECTURE:
                return ModelKind.LANDMARKS;
            case IdentityNet.ARCHITECTURE:
                return ModelKind.IDENTITY;
            default:
                return ModelKind.SUPER_RESOLUTION;
        }
    }

    /**
     * Tells whether the architecture takes the LR face resized to the output grid (MATLAB
     * bicubic, done by the translator) rather than the LR face itself.
     *
     * @param architecture an architecture name
     * @return true for the cross-domain model
     */
    public static boolean upsamplesInput(String architecture) {
        return CrossDomainSr.ARCHITECTURE.equals(check(architecture));
    }

    /**
     * Tells whether a card's block takes the LR face resized to the output grid: the
     * cross-domain model, and a {@code generator} in refine mode.
     *
     * @param architecture an architecture name
     * @param arguments its arguments
     * @return true when the translator must enlarge the input first
     */
    public static boolean upsamplesInput(String architecture, Map<String, ?> arguments) {
        if (GENERATOR.equals(check(architecture))) {
            return ((Generator) build(architecture, arguments)).getMode() == Generator.Mode.REFINE;
        }
        return upsamplesInput(architecture);
    }

    /**
     * Checks that a card's sizes fit its architecture: {@code fast} needs output = input x
     * scale; {@code crossdomain} an output side divisible by 2^downsamplings and larger than the
     * input; {@code landmarks-hourglass} input = 4 x output and divisible by 4 x 2^depth; {@code
     * identity-net} input = the network's {@code inputSize} and output = its embedding size.
     *
     * @param architecture the architecture name
     * @param arguments its arguments
     * @param inputSize the card's input side
     * @param outputSize the card's output side
     * @throws IllegalArgumentException saying which sizes would work
     */
    public static void checkSizes(
            String architecture, Map<String, ?> arguments, int inputSize, int outputSize) {
        RebuildableBlock block = build(architecture, arguments);
        Map<String, Object> a = block.arguments();
        String problem = null;
        if (block instanceof Generator g) {
            if (g.getMode() == Generator.Mode.UPSCALE && (long) inputSize * g.getScale() != outputSize) {
                problem = "a generator with scale " + g.getScale() + " maps " + inputSize + " to "
                        + (long) inputSize * g.getScale();
            } else if (g.getMode() == Generator.Mode.REFINE && outputSize <= inputSize) {
                problem = "a refine-mode generator needs an output side larger than the input side";
            }
        } else if (block instanceof FastSr) {
            int scale = ((FastSr) block).getScale();
            if ((long) inputSize * scale != outputSize) {
                problem = "a fast model with scale " + scale + " maps " + inputSize + " to "
                        + (long) inputSize * scale;
            }
        } else if (block instanceof CrossDomainSr) {
            @SuppressWarnings("unchecked")
            Map<String, Object> enc = (Map<String, Object>) a.get("encoder");
            int unit = 1 << ((Number) enc.get("downsamplings")).intValue();
            if (outputSize % unit != 0 || outputSize <= inputSize) {
                problem = "a crossdomain model needs an output side divisible by " + unit
                        + " and larger than the input side";
            }
        } else if (block instanceof IdentityNet net) {
            if (inputSize != net.inputSize() || outputSize != net.embeddingSize()) {
                problem = "an identity-net model takes " + net.inputSize() + "x" + net.inputSize()
                        + " crops and returns " + net.embeddingSize() + "-d embeddings (card sizes"
                        + " = input side -> embedding size)";
            }
        } else {
            int unit = LandmarkHourglass.STRIDE << ((Number) a.get("depth")).intValue();
            if (inputSize != LandmarkHourglass.STRIDE * outputSize || inputSize % unit != 0) {
                problem = "a landmark model needs input side = 4 x heatmap side, divisible by "
                        + unit;
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(
                    "Sizes " + inputSize + " -> " + outputSize + " do not fit: " + problem);
        }
    }

    private static String check(String architecture) {
        if (architecture == null || !NAMES.contains(architecture)) {
            throw new IllegalArgumentException(
                    "Unknown architecture '" + architecture + "'; known architectures are "
                            + NAMES);
        }
        return architecture;
    }
}
