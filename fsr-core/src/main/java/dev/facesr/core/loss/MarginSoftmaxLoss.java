package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Margin softmax over class proxies for metric learning (CosFace / ArcFace): the target class's
 * cosine is penalised by a margin before a scaled softmax cross-entropy, so embeddings of one
 * class must be closer to their proxy than to any other by that margin.
 *
 * <p>Inputs: {@code predictions = NDList(cosines)} of shape {@code (N, C)}, the cosine between
 * each L2-normalised embedding and each L2-normalised class proxy (values in [-1, 1], e.g. from a
 * cosine classifier layer); {@code labels = NDList(classes)} of shape {@code (N)} or {@code (N,
 * 1)} with class indices in {@code [0, C)}. Per sample, with {@code θ = acos(cos_y)}: the target
 * logit is {@code s · (cos(θ + m_a) - m_c)} and the others {@code s · cos_j}; the loss is the
 * cross-entropy of these logits. {@code m_a} is the additive angular margin (ArcFace, default
 * 0), {@code m_c} the additive cosine margin (CosFace, default 0.35), {@code s} the scale
 * (default 30). Where {@code θ + m_a > π} the angular term falls back to {@code cos θ - m_a
 * sin(m_a)} (as in the ArcFace reference code) so the logit stays monotonic in θ.
 *
 * <p>References: Wang et al., "CosFace", CVPR 2018; Deng et al., "ArcFace", CVPR 2019.
 */
public final class MarginSoftmaxLoss extends FaceLoss {

    private final float scale;
    private final float cosineMargin;
    private final float angularMargin;

    private MarginSoftmaxLoss(Builder builder) {
        super(builder);
        this.scale = builder.scale;
        this.cosineMargin = builder.cosineMargin;
        this.angularMargin = builder.angularMargin;
    }

    /**
     * Starts a CosFace loss named {@code margin_softmax} (scale 30, cosine margin 0.35, angular
     * margin 0).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the logit scale {@code s}.
     *
     * @return the scale
     */
    public float getScale() {
        return scale;
    }

    /**
     * Returns the additive cosine margin {@code m_c}.
     *
     * @return the cosine margin
     */
    public float getCosineMargin() {
        return cosineMargin;
    }

    /**
     * Returns the additive angular margin {@code m_a} in radians.
     *
     * @return the angular margin
     */
    public float getAngularMargin() {
        return angularMargin;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray cosines = LossInputs.entry(getName(), predictions, "predictions", 0);
        NDArray classes = LossInputs.entry(getName(), labels, "labels", 0);
        LossInputs.requireRank(getName(), "predictions[0] (cosines)", cosines, 2, "N, C");
        LossInputs.requireBatch(getName(), "predictions[0] (cosines)", cosines);
        long batch = cosines.getShape().get(0);
        long numClasses = cosines.getShape().get(1);
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
                            + " for cosines of shape "
                            + cosines.getShape());
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
                            + " classes but range over ["
                            + min
                            + ", "
                            + max
                            + "]");
        }
        NDArray oneHot = indices.oneHot((int) numClasses, cosines.getDataType());
        NDArray cos = cosines.clip(-1f, 1f);
        NDArray target = cos.mul(oneHot).sum(new int[] {1}, true); // (N, 1)
        NDArray marked = target;
        if (angularMargin > 0f) {
            NDArray sine = target.square().neg().add(1f).maximum(1e-7f).sqrt();
            NDArray shifted =
                    target.mul((float) Math.cos(angularMargin))
                            .sub(sine.mul((float) Math.sin(angularMargin)));
            // beyond theta + m > pi: fall back to a linear penalty (ArcFace reference code)
            NDArray fallback =
                    target.sub((float) (Math.sin(Math.PI - angularMargin) * angularMargin));
            NDArray valid = target.gt((float) Math.cos(Math.PI - angularMargin));
            marked = select(valid, shifted, fallback);
        }
        if (cosineMargin != 0f) {
            marked = marked.sub(cosineMargin);
        }
        NDArray logits = cos.add(oneHot.mul(marked.sub(target))).mul(scale);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }

    private static NDArray select(NDArray condition, NDArray a, NDArray b) {
        NDArray c = condition.toType(a.getDataType(), false);
        return a.mul(c).add(b.mul(c.neg().add(1f)));
    }

    /** Builds a {@link MarginSoftmaxLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private float scale = 30f;
        private float cosineMargin = 0.35f;
        private float angularMargin;

        Builder() {
            super("margin_softmax");
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the logit scale {@code s} (default 30).
         *
         * @param scale a finite number {@code > 0}
         * @return this builder
         */
        public Builder optScale(float scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Sets the additive cosine margin {@code m_c} (CosFace; default 0.35).
         *
         * @param margin in [0, 1)
         * @return this builder
         */
        public Builder optCosineMargin(float margin) {
            this.cosineMargin = margin;
            return this;
        }

        /**
         * Sets the additive angular margin {@code m_a} in radians (ArcFace, typically 0.5;
         * default 0).
         *
         * @param margin in [0, π/2)
         * @return this builder
         */
        public Builder optAngularMargin(float margin) {
            this.angularMargin = margin;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if the scale or a margin is out of range
         */
        public MarginSoftmaxLoss build() {
            if (!Float.isFinite(scale) || scale <= 0f) {
                throw new IllegalArgumentException(
                        name() + ": the scale must be a finite number > 0 (typically 30-64) but"
                                + " was " + scale);
            }
            if (!(cosineMargin >= 0f && cosineMargin < 1f)) {
                throw new IllegalArgumentException(
                        name() + ": the cosine margin must be in [0, 1) (CosFace uses 0.35) but"
                                + " was " + cosineMargin);
            }
            if (!(angularMargin >= 0f && angularMargin < Math.PI / 2)) {
                throw new IllegalArgumentException(
                        name() + ": the angular margin must be in [0, pi/2) radians (ArcFace"
                                + " uses 0.5) but was " + angularMargin);
            }
            return new MarginSoftmaxLoss(this);
        }
    }
}
