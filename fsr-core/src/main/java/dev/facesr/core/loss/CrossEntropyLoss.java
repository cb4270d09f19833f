package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Softmax cross-entropy on logits with integer class labels, e.g. for a student classifier.
 *
 * <p>Inputs: {@code predictions = NDList(logits)} of shape {@code (N, C)}; {@code labels =
 * NDList(classes)} of shape {@code (N)} or {@code (N, 1)} holding class indices in {@code [0,
 * C)} (any numeric type). Per sample: {@code logsumexp(z) - z[y]}, computed with a stable
 * log-softmax.
 */
public final class CrossEntropyLoss extends FaceLoss {

    private CrossEntropyLoss(Builder builder) {
        super(builder);
    }

    /**
     * Starts a cross-entropy loss named {@code cross_entropy}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray logits = LossInputs.entry(getName(), predictions, "predictions", 0);
        NDArray classes = LossInputs.entry(getName(), labels, "labels", 0);
        LossInputs.requireRank(getName(), "predictions[0] (logits)", logits, 2, "N, C");
        LossInputs.requireBatch(getName(), "predictions[0] (logits)", logits);
        long batch = logits.getShape().get(0);
        long numClasses = logits.getShape().get(1);
        if (classes.getShape().size() != batch
                || classes.getShape().dimension() > 2
                || (classes.getShape().dimension() == 2 && classes.getShape().get(1) != 1)) {
            throw new IllegalArgumentException(
                    getName()
                            + ": labels[0] must hold one class index per sample, shape ("
                            + batch
                            + ") or ("
                            + batch
                            + ", 1), but has shape "
                            + classes.getShape()
                            + " for logits of shape "
                            + logits.getShape());
        }
        NDArray indices = classes.reshape(batch).toType(DataType.INT64, false);
        long min = indices.min().getLong();
        long max = indices.max().getLong();
        if (min < 0 || max >= numClasses) {
            throw new IllegalArgumentException(
                    getName()
                            + ": class labels must be in [0, "
                            + numClasses
                            + ") for "
                            + numClasses
                            + " logits but range over ["
                            + min
                            + ", "
                            + max
                            + "]");
        }
        NDArray oneHot = indices.oneHot((int) numClasses, logits.getDataType());
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }

    /** Builds a {@link CrossEntropyLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        Builder() {
            super("cross_entropy");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is invalid
         */
        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }
}
