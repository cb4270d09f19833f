package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Batch-hard triplet loss (Hermans et al., "In Defense of the Triplet Loss for Person
 * Re-Identification", 2017) on cosine distances: every sample of the batch is an anchor; its
 * hardest positive is the farthest other sample of its class, its hardest negative the closest
 * sample of another class.
 *
 * <p>Inputs: {@code labels = NDList(classes)} of shape {@code (N)} or {@code (N, 1)} (any
 * numeric type); {@code predictions = NDList(embeddings)} of shape {@code (N, D)} (need not be
 * normalised). With {@code d(a, b) = 1 - cos(a, b)}, per anchor: {@code max(0, margin +
 * max_p d(a, p) - min_n d(a, n))}, and 0 for an anchor without a positive or without a
 * negative in the batch. Batches must therefore hold several images per class — use
 * {@link dev.facesr.core.data.IdentityBatchSampler} (P classes x K images). The value of a sample
 * depends on the rest of its batch by design.
 */
public final class BatchHardTripletLoss extends FaceLoss {

    private static final float EPSILON = 1e-8f;
    private static final float FAR = 4f; // larger than any cosine distance (at most 2)

    private final float margin;

    private BatchHardTripletLoss(Builder builder) {
        super(builder);
        this.margin = builder.margin;
    }

    /**
     * Starts a batch-hard triplet loss named {@code batch_hard_triplet} (margin 0.3).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the margin on the cosine distance.
     *
     * @return the margin
     */
    public float getMargin() {
        return margin;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray embeddings = LossInputs.entry(getName(), predictions, "predictions", 0);
        NDArray classes = LossInputs.entry(getName(), labels, "labels", 0);
        LossInputs.requireRank(getName(), "predictions[0] (embeddings)", embeddings, 2, "N, D");
        LossInputs.requireBatch(getName(), "predictions[0] (embeddings)", embeddings);
        long n = embeddings.getShape().get(0);
        if (classes.getShape().size() != n
                || classes.getShape().dimension() > 2
                || (classes.getShape().dimension() == 2 && classes.getShape().get(1) != 1)) {
            throw new IllegalArgumentException(
                    getName()
                            + ": labels[0] must hold one class per sample, shape ("
                            + n
                            + ") or ("
                            + n
                            + ", 1), but has shape "
                            + classes.getShape()
                            + " for embeddings of shape "
                            + embeddings.getShape());
        }
        NDArray norm = embeddings.square().sum(new int[] {1}, true).sqrt().maximum(EPSILON);
        NDArray unit = embeddings.div(norm);
        NDArray distance = unit.matMul(unit.transpose()).neg().add(1f); // (N, N), in [0, 2]
        NDArray ids = classes.reshape(n).toType(DataType.INT64, false);
        NDArray same = ids.reshape(n, 1).eq(ids.reshape(1, n)).toType(distance.getDataType(), false);
        NDArray eye = distance.getManager().eye((int) n).toType(distance.getDataType(), false)
                .toDevice(distance.getDevice(), false);
        NDArray positives = same.sub(eye);
        NDArray negatives = same.neg().add(1f);
        NDArray hardestPositive = distance.mul(positives).max(new int[] {1});
        NDArray hardestNegative = distance.add(same.mul(FAR)).min(new int[] {1});
        NDArray valid = positives.max(new int[] {1}).mul(negatives.max(new int[] {1}));
        return hardestPositive.sub(hardestNegative).add(margin).maximum(0f).mul(valid);
    }

    /** Builds a {@link BatchHardTripletLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private float margin = 0.3f;

        Builder() {
            super("batch_hard_triplet");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the margin on the cosine distance (default 0.3).
         *
         * @param margin in (0, 2]
         * @return this builder
         */
        public Builder optMargin(float margin) {
            this.margin = margin;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if the margin is out of range
         */
        public BatchHardTripletLoss build() {
            if (!(margin > 0f && margin <= 2f)) {
                throw new IllegalArgumentException(
                        name() + ": the margin must be in (0, 2] (cosine distances lie in [0, 2])"
                                + " but was " + margin);
            }
            return new BatchHardTripletLoss(this);
        }
    }
}
