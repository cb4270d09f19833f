package dev.facesr.models.identity;

import ai.djl.ndarray.NDArray;
import dev.facesr.core.nn.ParameterViews;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.nn.BuilderChecks;
import dev.facesr.core.nn.FsrBlock;
import dev.facesr.core.nn.RebuildableBlock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The class-proxy layer of a margin-softmax head: one learned proxy vector per identity, and the
 * output is the cosine between each embedding and each proxy (both L2-normalised), ready for
 * {@link dev.facesr.core.loss.MarginSoftmaxLoss}. Used only for training; the embedding network
 * alone is what is deployed.
 *
 * <p>Input: (N, D) embeddings. Output: (N, C) cosines in [-1, 1], C = {@code classes}.
 * Parameters: {@code C * D}, no bias.
 */
public final class CosineClassifier extends FsrBlock implements RebuildableBlock {

    private static final byte VERSION = 1;
    private static final Set<String> KEYS = Set.of("classes", "embeddingSize");

    private final int classes;
    private final int embeddingSize;
    private final Parameter proxies;

    private CosineClassifier(Builder b) {
        super(VERSION);
        this.classes = b.classes;
        this.embeddingSize = b.embeddingSize;
        this.proxies =
                addParameter(
                        Parameter.builder()
                                .setName("proxies")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(classes, embeddingSize))
                                .build());
        useDefaultInitializers();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Object> arguments() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("classes", classes);
        m.put("embeddingSize", embeddingSize);
        return BlockArguments.freeze(m);
    }

    /**
     * Returns the number of classes (proxies).
     *
     * @return C
     */
    public int classes() {
        return classes;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] walk(Shape[] inputs, ShapeStep step) {
        if (inputs == null
                || inputs.length != 1
                || inputs[0].dimension() != 2
                || inputs[0].get(1) != embeddingSize) {
            throw new IllegalArgumentException(
                    "CosineClassifier expects one (N, "
                            + embeddingSize
                            + ") embedding array but got "
                            + (inputs == null ? "nothing" : java.util.Arrays.toString(inputs)));
        }
        return new Shape[] {new Shape(inputs[0].get(0), classes)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // a view owned by the call's manager: the normalised proxies must not pile up in the
        // parameters' manager (see ParameterViews)
        NDArray w = ParameterViews.view(store.getValue(proxies, x.getDevice(), training), x);
        return new NDList(
                IdentityNet.l2Normalize(x).matMul(IdentityNet.l2Normalize(w).transpose()));
    }

    /** Builder for {@link CosineClassifier}. */
    public static final class Builder {
        private int classes;
        private int embeddingSize = 128;

        Builder() {}

        /**
         * Sets the number of classes (required).
         *
         * @param classes at least 2
         * @return this builder
         */
        public Builder setClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /**
         * Sets the embedding dimension D (default 128).
         *
         * @param embeddingSize at least 1
         * @return this builder
         */
        public Builder optEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * Fills the builder from an argument map as returned by {@link
         * CosineClassifier#arguments()}.
         *
         * @param args the arguments
         * @return this builder
         * @throws IllegalArgumentException on unknown keys or bad values
         */
        public Builder fromArguments(Map<String, ?> args) {
            BlockArguments a = BlockArguments.of("CosineClassifier", args, KEYS);
            if (a.has("classes")) {
                setClasses(a.getInt("classes"));
            }
            if (a.has("embeddingSize")) {
                optEmbeddingSize(a.getInt("embeddingSize"));
            }
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public CosineClassifier build() {
            if (classes < 2) {
                throw new IllegalArgumentException(
                        "CosineClassifier.setClasses must be at least 2 (the number of training"
                                + " identities) but was " + classes);
            }
            BuilderChecks.positive("CosineClassifier", "optEmbeddingSize", embeddingSize);
            return new CosineClassifier(this);
        }
    }
}
