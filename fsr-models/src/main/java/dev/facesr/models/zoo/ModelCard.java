package dev.facesr.models.zoo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The description stored next to a zoo model's weights in {@code model-card.json}: what the model
 * is (name, version, architecture and the arguments that rebuild its block), what it takes and
 * returns (input and output sides, scale), how it was trained (data and crop, degradation,
 * recipe, steps, seed, source commit), how well it does (measured metrics) and which weights file
 * belongs to it (file name, size and SHA-256).
 *
 * <p>Immutable. Build with {@link #builder()}; read and write with {@link ModelCards}. A card
 * without {@code sha256} describes a model whose weights have not been trained yet: the zoo lists
 * it but refuses to load it.
 */
public final class ModelCard {

    /** The card's file name inside a model directory. */
    public static final String FILE_NAME = "model-card.json";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern WEIGHTS = Pattern.compile("([A-Za-z0-9._-]+)-([0-9]{4})\\.params");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String name;
    private final String version;
    private final String description;
    private final String architecture;
    private final Map<String, Object> arguments;
    private final int inputSize;
    private final int outputSize;
    private final double scale;
    private final String trainingData;
    private final String crop;
    private final String degradation;
    private final String recipe;
    private final long steps;
    private final long seed;
    private final String commit;
    private final Map<String, Double> metrics;
    private final String weightsFile;
    private final long weightsBytes;
    private final String sha256;

    /** Weights stored as 32-bit floats. */
    public static final String FLOAT32 = "float32";

    /** Weights stored as 16-bit floats (half the file size). */
    public static final String FLOAT16 = "float16";
    private final String weightsDataType;

    private ModelCard(Builder b) {
        name = b.name;
        version = b.version;
        description = b.description;
        architecture = b.architecture;
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(b.arguments));
        inputSize = b.inputSize;
        outputSize = b.outputSize;
        scale = b.scale;
        trainingData = b.trainingData;
        crop = b.crop;
        degradation = b.degradation;
        recipe = b.recipe;
        steps = b.steps;
        seed = b.seed;
        commit = b.commit;
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        weightsFile = b.weightsFile;
        weightsBytes = b.weightsBytes;
        sha256 = b.sha256;
        weightsDataType = b.weightsDataType;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this card's values, to derive a changed card.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.version = version;
        b.description = description;
        b.architecture = architecture;
        b.arguments = new LinkedHashMap<>(arguments);
        b.inputSize = inputSize;
        b.outputSize = outputSize;
        b.scale = scale;
        b.trainingData = trainingData;
        b.crop = crop;
        b.degradation = degradation;
        b.recipe = recipe;
        b.steps = steps;
        b.seed = seed;
        b.commit = commit;
        b.metrics = new LinkedHashMap<>(metrics);
        b.weightsFile = weightsFile;
        b.weightsBytes = weightsBytes;
        b.sha256 = sha256;
        b.weightsDataType = weightsDataType;
        return b;
    }

    /**
     * The DJL weights file name of a model: {@code <name>-0000.params} (DJL's {@code
     * <prefix>-<epoch>.params} convention with epoch 0).
     *
     * @param modelName the model name
     * @return the file name
     */
    public static String weightsFileName(String modelName) {
        return modelName + "-0000.params";
    }

    /** @return the model name, e.g. {@code fsr-x8} (lower case, digits, '.', '_', '-') */
    public String name() {
        return name;
    }

    /** @return the model version, e.g. {@code 1.0.0} */
    public String version() {
        return version;
    }

    /** @return a one-line description, or null */
    public String description() {
        return description;
    }

    /** @return the architecture name, one of {@link Architectures#NAMES} */
    public String architecture() {
        return architecture;
    }

    /** @return the block arguments that rebuild the network */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** @return the kind of model, derived from the architecture */
    public ModelKind kind() {
        return Architectures.kindOf(architecture);
    }

    /** @return the side in pixels of the square crops the model takes (the LR side for SR) */
    public int inputSize() {
        return inputSize;
    }

    /**
     * @return the side of the SR crops it returns, of the heatmaps of a landmark model, or the
     *     embedding dimension of an identity model
     */
    public int outputSize() {
        return outputSize;
    }

    /** @return the SR scale (output side / input side); 0 for a landmark or identity model */
    public double scale() {
        return scale;
    }

    /** @return the training data set and split, e.g. {@code celeba/train}, or null */
    public String trainingData() {
        return trainingData;
    }

    /** @return the face crop and alignment of the training data, or null */
    public String crop() {
        return crop;
    }

    /** @return the degradation that made the LR inputs, e.g. {@code matlab-bicubic x8}, or null */
    public String degradation() {
        return degradation;
    }

    /** @return the training recipe (stages, losses, optimiser), or null */
    public String recipe() {
        return recipe;
    }

    /** @return the number of training steps, 0 when untrained */
    public long steps() {
        return steps;
    }

    /** @return the random seed of training */
    public long seed() {
        return seed;
    }

    /** @return the source commit the model was trained with, or null */
    public String commit() {
        return commit;
    }

    /** @return the measured metrics, e.g. {@code "celeba-val.psnr" -> 25.1}, possibly empty */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** @return the weights file name inside the model directory */
    public String weightsFile() {
        return weightsFile;
    }

    /** @return the size of the weights file in bytes, 0 when unknown */
    public long weightsBytes() {
        return weightsBytes;
    }

    /** @return the lower-case hex SHA-256 of the weights file, or null when untrained */
    public String sha256() {
        return sha256;
    }

    /**
     * The DJL model-name prefix of the weights file.
     *
     * @return e.g. {@code fsr-x8} for {@code fsr-x8-0000.params}
     */
    public String weightsPrefix() {
        java.util.regex.Matcher m = WEIGHTS.matcher(weightsFile);
        m.matches();
        return m.group(1);
    }

    /**
     * The DJL epoch number of the weights file.
     *
     * @return e.g. {@code 0} for {@code fsr-x8-0000.params}
     */
    public int weightsEpoch() {
        java.util.regex.Matcher m = WEIGHTS.matcher(weightsFile);
        m.matches();
        return Integer.parseInt(m.group(2));
    }

    /**
     * The number type the weights file stores: {@value #FLOAT32} (the default) or {@value
     * #FLOAT16} (half the size; the zoo converts the parameters to float32 after loading).
     *
     * @return the stored type
     */
    public String weightsDataType() {
        return weightsDataType;
    }

    /** @return true when the card names trained weights (it has a SHA-256) */
    public boolean hasWeights() {
        return sha256 != null;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "ModelCard{" + name + " " + version + ", " + architecture + ", " + inputSize + " -> "
                + outputSize
                + (hasWeights() ? ", sha256 " + sha256.substring(0, 12) : ", untrained")
                + "}";
    }

    /** Builder for {@link ModelCard}. */
    public static final class Builder {
        private String name;
        private String version = "0.1.0";
        private String description;
        private String architecture;
        private Map<String, Object> arguments;
        private int inputSize;
        private int outputSize;
        private double scale;
        private String trainingData;
        private String crop;
        private String degradation;
        private String recipe;
        private long steps;
        private long seed;
        private String commit;
        private Map<String, Double> metrics = new LinkedHashMap<>();
        private String weightsFile;
        private long weightsBytes;
        private String sha256;
        private String weightsDataType = FLOAT32;

        Builder() {}

        /**
         * Sets the model name (required); also the directory name in the zoo.
         *
         * @param name lower case letters, digits, '.', '_' and '-'
         * @return this builder
         */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the version (default 0.1.0).
         *
         * @param version the version
         * @return this builder
         */
        public Builder optVersion(String version) {
            this.version = version;
            return this;
        }

        /**
         * Sets a one-line description.
         *
         * @param description the description
         * @return this builder
         */
        public Builder optDescription(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the architecture and the arguments that rebuild the block (required; {@link
         * ModelExporter} fills them from the block).
         *
         * @param architecture one of {@link Architectures#NAMES}
         * @param arguments the block's {@code arguments()}
         * @return this builder
         */
        public Builder setArchitecture(String architecture, Map<String, ?> arguments) {
            this.architecture = architecture;
            this.arguments = arguments == null ? null : new LinkedHashMap<>(arguments);
            return this;
        }

        /**
         * Sets the input and output sides (required). For SR the scale becomes output / input;
         * for an identity model the output is the embedding dimension.
         *
         * @param inputSize the side of the crops the model takes
         * @param outputSize the side of the SR crops (or of the heatmaps for landmarks, or the
         *     embedding dimension of an identity model)
         * @return this builder
         */
        public Builder setSizes(int inputSize, int outputSize) {
            this.inputSize = inputSize;
            this.outputSize = outputSize;
            return this;
        }

        /**
         * Sets the training data and crop.
         *
         * @param trainingData the data set and split, e.g. {@code celeba/train}
         * @param crop the crop and alignment, e.g. {@code 5-point aligned 128x128}
         * @return this builder
         */
        public Builder optTrainingData(String trainingData, String crop) {
            this.trainingData = trainingData;
            this.crop = crop;
            return this;
        }

        /**
         * Sets the degradation that produced the LR training inputs.
         *
         * @param degradation e.g. {@code matlab-bicubic x8}
         * @return this builder
         */
        public Builder optDegradation(String degradation) {
            this.degradation = degradation;
            return this;
        }

        /**
         * Sets the training recipe, steps, seed and source commit.
         *
         * @param recipe the recipe (stages, losses, optimiser) or a path to its config
         * @param steps the number of optimiser steps
         * @param seed the random seed
         * @param commit the git commit of the training code
         * @return this builder
         */
        public Builder optTraining(String recipe, long steps, long seed, String commit) {
            this.recipe = recipe;
            this.steps = steps;
            this.seed = seed;
            this.commit = commit;
            return this;
        }

        /**
         * Adds a measured metric.
         *
         * @param key e.g. {@code celeba-val.psnr-y}
         * @param value the measured value
         * @return this builder
         */
        public Builder addMetric(String key, double value) {
            this.metrics.put(key, value);
            return this;
        }

        /**
         * Sets the weights file name, size and SHA-256 ({@link ModelExporter} computes them).
         *
         * @param file the file name inside the model directory
         * @param bytes its size in bytes
         * @param sha256 its SHA-256 in lower-case hex, or null for an untrained model
         * @return this builder
         */
        public Builder optWeights(String file, long bytes, String sha256) {
            this.weightsFile = file;
            this.weightsBytes = bytes;
            this.sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets the number type the weights file stores ({@link ModelExporter} sets it).
         *
         * @param dataType {@value ModelCard#FLOAT32} or {@value ModelCard#FLOAT16}
         * @return this builder
         */
        public Builder optWeightsDataType(String dataType) {
            this.weightsDataType = dataType;
            return this;
        }

        /**
         * Validates and builds the card.
         *
         * @return the card
         * @throws IllegalArgumentException naming the field that is missing or wrong
         */
        public ModelCard build() {
            if (!FLOAT32.equals(weightsDataType) && !FLOAT16.equals(weightsDataType)) {
                throw new IllegalArgumentException("Model card weights dtype must be " + FLOAT32 + " or " + FLOAT16
                        + ", got " + weightsDataType);
            }
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "Model card name must be lower case letters, digits, '.', '_' or '-',"
                                + " got '" + name + "'");
            }
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("Model card '" + name + "' needs a version");
            }
            if (arguments == null) {
                throw new IllegalArgumentException(
                        "Model card '" + name + "' needs setArchitecture(architecture, arguments)");
            }
            ModelKind kind = Architectures.kindOf(architecture);
            if (inputSize < 1 || outputSize < 1) {
                throw new IllegalArgumentException(
                        "Model card '" + name + "' needs positive setSizes(input, output), got "
                                + inputSize + " and " + outputSize);
            }
            try {
                Architectures.checkSizes(architecture, arguments, inputSize, outputSize);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Model card '" + name + "': " + e.getMessage(), e);
            }
            scale = kind == ModelKind.SUPER_RESOLUTION ? (double) outputSize / inputSize : 0.0;
            if (weightsFile == null) {
                weightsFile = weightsFileName(name);
            }
            if (!WEIGHTS.matcher(weightsFile).matches()) {
                throw new IllegalArgumentException(
                        "Model card '" + name + "': the weights file must be a DJL parameter file"
                                + " name <prefix>-<4-digit epoch>.params in the model directory,"
                                + " e.g. " + weightsFileName(name) + ", got '" + weightsFile + "'");
            }
            if (sha256 != null && !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException(
                        "Model card '" + name + "': sha256 must be 64 hex digits, got '" + sha256
                                + "'");
            }
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException(
                            "Model card '" + name + "': metric '" + e.getKey()
                                    + "' must be a finite number, got " + e.getValue());
                }
            }
            return new ModelCard(this);
        }
    }
}
