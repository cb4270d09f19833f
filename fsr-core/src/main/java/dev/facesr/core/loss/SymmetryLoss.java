package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The symmetry loss of TP-GAN: how far a frontal face is from its horizontal mirror image,
 * {@code mean |I - flip(I)|} per sample, in pixel space or in Laplacian space.
 *
 * <p>The Laplacian variant first filters every channel with the fixed 3x3 kernel {@code [[0, 1,
 * 0], [1, -4, 1], [0, 1, 0]]} without padding (only the interior, {@code (H-2) x (W-2)}, so
 * image borders add no artificial edges), so it compares edges rather than colours and is less
 * sensitive to uneven lighting: a linear brightness ramp has no Laplacian. Inputs: {@code
 * predictions = NDList(sr)}, NCHW (at least 3x3 for the Laplacian variant); the labels are not
 * used (pass an empty {@code NDList} or anything). The loss is zero for an image that
 * equals its mirror image.
 */
public final class SymmetryLoss extends FaceLoss {

    /** Where the image and its mirror are compared. */
    public enum Space {
        /** On the pixels. */
        PIXEL,
        /** On the Laplacian of every channel (TP-GAN). */
        LAPLACIAN
    }

    private static final float[] LAPLACIAN = {0, 1, 0, 1, -4, 1, 0, 1, 0};

    private final Space space;
    private final Penalty penalty;

    private SymmetryLoss(Builder builder) {
        super(builder);
        this.space = builder.space;
        this.penalty = builder.penalty;
    }

    /**
     * Starts a pixel-space symmetry loss named {@code symmetry_pixel}, L1 penalty.
     *
     * @return a builder
     */
    public static Builder pixel() {
        return new Builder("symmetry_pixel", Space.PIXEL);
    }

    /**
     * Starts a Laplacian-space symmetry loss named {@code symmetry_laplacian}, L1 penalty.
     *
     * @return a builder
     */
    public static Builder laplacian() {
        return new Builder("symmetry_laplacian", Space.LAPLACIAN);
    }

    /**
     * Returns the space the comparison happens in.
     *
     * @return the space
     */
    public Space getSpace() {
        return space;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray image = LossInputs.entry(getName(), predictions, "predictions", 0);
        LossInputs.requireRank(getName(), "predictions[0]", image, 4, "NCHW");
        LossInputs.requireBatch(getName(), "predictions[0]", image);
        if (space == Space.LAPLACIAN
                && (image.getShape().get(2) < 3 || image.getShape().get(3) < 3)) {
            throw new IllegalArgumentException(
                    getName()
                            + ": predictions[0] must be at least 3x3 pixels for the Laplacian but"
                            + " has shape "
                            + image.getShape());
        }
        NDArray compared = space == Space.LAPLACIAN ? laplacian(image) : image;
        return LossInputs.meanPerSample(penalty.apply(compared.sub(compared.flip(3))));
    }

    /**
     * Filters every channel of an NCHW batch with the 3x3 Laplacian kernel, no padding.
     *
     * @param image the NCHW batch, at least 3x3
     * @return the filtered interior, shape {@code (N, C, H-2, W-2)}
     */
    static NDArray laplacian(NDArray image) {
        long channels = image.getShape().get(1);
        NDManager manager = image.getManager();
        NDArray kernel =
                manager.create(LAPLACIAN, new Shape(1, 1, 3, 3))
                        .toDevice(image.getDevice(), false)
                        .toType(image.getDataType(), false)
                        .repeat(0, channels);
        return Conv2d.conv2d(
                        image,
                        kernel,
                        null,
                        new Shape(1, 1),
                        new Shape(0, 0),
                        new Shape(1, 1),
                        (int) channels)
                .singletonOrThrow();
    }

    /** Builds a {@link SymmetryLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private final Space space;
        private Penalty penalty = Penalty.L1;

        Builder(String name, Space space) {
            super(name);
            this.space = space;
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the penalty on the difference (default {@link Penalty#L1}, as in TP-GAN).
         *
         * @param penalty the penalty
         * @return this builder
         */
        public Builder optPenalty(Penalty penalty) {
            this.penalty = penalty;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a setting is invalid
         */
        public SymmetryLoss build() {
            if (penalty == null) {
                throw new IllegalArgumentException(name() + ": the penalty must not be null");
            }
            return new SymmetryLoss(this);
        }
    }
}
