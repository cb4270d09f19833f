package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Objects;

/**
 * The base of every FaceSR loss: a DJL {@link Loss} with a weight and a {@link Reduction}.
 *
 * <p>A subclass only computes one unweighted value per sample ({@link #perSample}); this class
 * multiplies by the weight and reduces over the batch (by default the batch mean), so every loss
 * behaves the same way: {@code evaluate} is linear in the weight, the mean does not depend on the
 * batch size, the sum is {@code N} times the mean, and {@link Reduction#NONE} returns the
 * weighted per-sample values of shape {@code (N)}.
 *
 * <p>A custom loss can extend this class or be written as a lambda with {@link #of(String,
 * PerSampleLoss)}.
 */
public abstract class FaceLoss extends Loss {

    private final float weight;
    private final Reduction reduction;

    /**
     * Creates a loss.
     *
     * @param name the name (used in logs and as the component name by default)
     * @param weight the factor every value is multiplied by; finite and {@code >= 0}
     * @param reduction how the per-sample values are reduced over the batch
     * @throws IllegalArgumentException if the name is blank or the weight negative or not finite
     */
    protected FaceLoss(String name, float weight, Reduction reduction) {
        super(requireName(name));
        this.weight = LossInputs.requireWeight(name + ": weight", weight);
        this.reduction =
                Objects.requireNonNull(
                        reduction, name + ": reduction must not be null (use Reduction.MEAN)");
    }

    /**
     * Creates a loss from the common settings of a builder.
     *
     * @param builder the builder
     */
    protected FaceLoss(BaseBuilder<?> builder) {
        this(builder.name, builder.weight, builder.reduction);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "a loss needs a non-blank name but got '" + name + "'");
        }
        return name;
    }

    /**
     * Wraps a per-sample function as a loss, the quickest way to write a custom loss.
     *
     * @param name the name of the loss
     * @param perSample computes the unweighted value of every sample, shape {@code (N)}
     * @return a builder to set the weight and the reduction
     */
    public static FunctionBuilder of(String name, PerSampleLoss perSample) {
        return new FunctionBuilder(name, perSample);
    }

    /**
     * Returns the weight every value is multiplied by.
     *
     * @return the weight
     */
    public float getWeight() {
        return weight;
    }

    /**
     * Returns how the per-sample values are reduced.
     *
     * @return the reduction
     */
    public Reduction getReduction() {
        return reduction;
    }

    /**
     * Computes the weighted loss, reduced as configured.
     *
     * @param labels the labels, as documented by the subclass
     * @param predictions the predictions, as documented by the subclass
     * @return a scalar for {@link Reduction#MEAN} and {@link Reduction#SUM}, shape {@code (N)}
     *     for {@link Reduction#NONE}
     */
    @Override
    public final NDArray evaluate(NDList labels, NDList predictions) {
        NDArray weighted = evaluatePerSample(labels, predictions);
        switch (reduction) {
            case MEAN:
                return weighted.mean();
            case SUM:
                return weighted.sum();
            case NONE:
                return weighted;
            default:
                throw new IllegalStateException("unknown reduction " + reduction);
        }
    }

    /**
     * Computes the weighted per-sample values whatever the configured reduction.
     *
     * @param labels the labels
     * @param predictions the predictions
     * @return the weighted values, shape {@code (N)}
     */
    public final NDArray evaluatePerSample(NDList labels, NDList predictions) {
        NDArray values = perSample(labels, predictions);
        if (values == null || values.getShape().dimension() != 1) {
            throw new IllegalStateException(
                    getName()
                            + ": perSample must return one value per sample, shape (N), but"
                            + " returned "
                            + (values == null ? "null" : "shape " + values.getShape())
                            + "; reduce every axis but the batch axis (LossInputs.meanPerSample)");
        }
        return weight == 1f ? values : values.mul(weight);
    }

    /**
     * Computes the unweighted loss of every sample.
     *
     * @param labels the labels
     * @param predictions the predictions
     * @return one value per sample, shape {@code (N)}
     */
    protected abstract NDArray perSample(NDList labels, NDList predictions);

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return getClass().getSimpleName()
                + "{name="
                + getName()
                + ", weight="
                + weight
                + ", reduction="
                + reduction
                + "}";
    }

    /**
     * The settings every loss builder shares: name, weight and reduction.
     *
     * @param <B> the concrete builder type, returned by the {@code opt*} methods
     */
    public abstract static class BaseBuilder<B extends BaseBuilder<B>> {

        String name;
        float weight = 1f;
        Reduction reduction = Reduction.MEAN;

        /**
         * Creates a builder.
         *
         * @param defaultName the name used unless {@link #optName} sets another
         */
        protected BaseBuilder(String defaultName) {
            this.name = defaultName;
        }

        /**
         * Sets the name of the loss.
         *
         * @param name a non-blank name
         * @return this builder
         */
        public B optName(String name) {
            this.name = name;
            return self();
        }

        /**
         * Sets the weight (default 1); checked when the loss is built.
         *
         * @param weight a finite number {@code >= 0}
         * @return this builder
         */
        public B optWeight(float weight) {
            this.weight = weight;
            return self();
        }

        /**
         * Sets the reduction (default {@link Reduction#MEAN}).
         *
         * @param reduction the reduction
         * @return this builder
         */
        public B optReduction(Reduction reduction) {
            this.reduction = reduction;
            return self();
        }

        /**
         * Returns the name set so far, for validation messages.
         *
         * @return the name
         */
        protected String name() {
            return name;
        }

        /**
         * Returns this builder as its concrete type.
         *
         * @return this
         */
        protected abstract B self();
    }

    /** Builds a {@link FaceLoss} from a {@link PerSampleLoss} lambda. */
    public static final class FunctionBuilder extends BaseBuilder<FunctionBuilder> {

        private final PerSampleLoss perSample;

        FunctionBuilder(String name, PerSampleLoss perSample) {
            super(name);
            this.perSample = perSample;
        }

        /** {@inheritDoc} */
        @Override
        protected FunctionBuilder self() {
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is invalid
         */
        public FaceLoss build() {
            if (perSample == null) {
                throw new IllegalArgumentException(
                        name + ": the per-sample function must not be null");
            }
            return new FunctionLoss(this, perSample);
        }
    }

    private static final class FunctionLoss extends FaceLoss {

        private final PerSampleLoss function;

        FunctionLoss(FunctionBuilder builder, PerSampleLoss function) {
            super(builder);
            this.function = function;
        }

        @Override
        protected NDArray perSample(NDList labels, NDList predictions) {
            return function.perSample(labels, predictions);
        }
    }
}
