package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.Objects;

/**
 * The adversarial loss of a GAN, generator or discriminator side, for raw discriminator logits
 * (no sigmoid applied), global {@code (N, 1)} or patch {@code (N, 1, h, w)}.
 *
 * <p>Inputs follow the project's adversarial convention for both sides: {@code labels =
 * NDList(dReal)} and {@code predictions = NDList(dFake)}, where {@code dReal = D(hr)} and {@code
 * dFake = D(sr)}. In the G step, {@code dReal} is stop-gradient; inside a {@link WeightedSumLoss}
 * this loss is fed index 1 of the G-step lists ({@code labels (hr, dReal)}, {@code predictions
 * (sr, dFake)}). In the D step, {@code dFake} is stop-gradient.
 *
 * <p>Per sample, with {@code r = dReal}, {@code f = dFake}, {@code sp(x) = log(1 + e^x)}
 * (numerically stable softplus, so {@code sp(-x)} is BCE-with-logits against 1 and {@code sp(x)}
 * against 0), every term averaged over the sample's logits:
 *
 * <table>
 *   <caption>Formulas</caption>
 *   <tr><th>type</th><th>generator</th><th>discriminator</th></tr>
 *   <tr><td>VANILLA</td><td>sp(-f)</td><td>sp(-r) + sp(f)</td></tr>
 *   <tr><td>LEAST_SQUARES</td><td>(f - 1)²</td><td>(r - 1)² + f²</td></tr>
 *   <tr><td>HINGE</td><td>-f (may be negative)</td><td>relu(1 - r) + relu(1 + f)</td></tr>
 *   <tr><td>RELATIVISTIC_AVERAGE</td><td>(sp(r - m_f) + sp(-(f - m_r))) / 2</td>
 *       <td>(sp(-(r - m_f)) + sp(f - m_r)) / 2</td></tr>
 * </table>
 *
 * <p>Relativistic average (ESRGAN): with {@code m_r}, {@code m_f} the means of {@code r} and
 * {@code f} over the whole batch, the generator loss is {@code (sp(r - m_f) + sp(-(f - m_r))) /
 * 2} and the discriminator loss {@code (sp(-(r - m_f)) + sp(f - m_r)) / 2}. Only this type uses
 * {@code dReal} on the generator side; the others ignore the labels there.
 */
public final class AdversarialLoss extends FaceLoss {

    /** The GAN formulation. */
    public enum GanType {
        /** Standard GAN (non-saturating generator loss), binary cross-entropy on logits. */
        VANILLA,
        /** Least-squares GAN (LSGAN), targets 1 for real and 0 for fake. */
        LEAST_SQUARES,
        /** Hinge GAN (SAGAN, BigGAN). */
        HINGE,
        /** Relativistic average GAN (RaGAN), as in ESRGAN. */
        RELATIVISTIC_AVERAGE
    }

    /** Which network the loss trains. */
    public enum Side {
        /** The generator's adversarial term. */
        GENERATOR,
        /** The discriminator's loss. */
        DISCRIMINATOR
    }

    private final GanType type;
    private final Side side;

    private AdversarialLoss(Builder builder) {
        super(builder);
        this.type = builder.type;
        this.side = builder.side;
    }

    /**
     * Starts a generator-side loss named {@code adversarial_g}.
     *
     * @param type the GAN formulation
     * @return a builder
     */
    public static Builder generator(GanType type) {
        return new Builder("adversarial_g", type, Side.GENERATOR);
    }

    /**
     * Starts a discriminator-side loss named {@code adversarial_d}.
     *
     * @param type the GAN formulation
     * @return a builder
     */
    public static Builder discriminator(GanType type) {
        return new Builder("adversarial_d", type, Side.DISCRIMINATOR);
    }

    /**
     * Returns the GAN formulation.
     *
     * @return the type
     */
    public GanType getType() {
        return type;
    }

    /**
     * Returns the side this loss trains.
     *
     * @return the side
     */
    public Side getSide() {
        return side;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray perSample(NDList labels, NDList predictions) {
        NDArray fake = LossInputs.entry(getName(), predictions, "predictions (dFake)", 0);
        LossInputs.requireBatch(getName(), "predictions[0] (dFake)", fake);
        boolean usesReal = side == Side.DISCRIMINATOR || type == GanType.RELATIVISTIC_AVERAGE;
        if (!usesReal) {
            return generatorTerm(fake);
        }
        NDArray real = LossInputs.entry(getName(), labels, "labels (dReal)", 0);
        LossInputs.requireSameShape(
                getName(), "predictions[0] (dFake)", fake, "labels[0] (dReal)", real);
        if (type == GanType.RELATIVISTIC_AVERAGE) {
            return relativistic(real, fake);
        }
        return discriminatorTerm(real, fake);
    }

    private NDArray generatorTerm(NDArray fake) {
        switch (type) {
            case VANILLA:
                return LossInputs.meanPerSample(softPlus(fake.neg()));
            case LEAST_SQUARES:
                return LossInputs.meanPerSample(fake.sub(1f).square());
            case HINGE:
                return LossInputs.meanPerSample(fake.neg());
            default:
                throw new IllegalStateException("unexpected GAN type " + type);
        }
    }

    private NDArray discriminatorTerm(NDArray real, NDArray fake) {
        NDArray realTerm;
        NDArray fakeTerm;
        switch (type) {
            case VANILLA:
                realTerm = softPlus(real.neg());
                fakeTerm = softPlus(fake);
                break;
            case LEAST_SQUARES:
                realTerm = real.sub(1f).square();
                fakeTerm = fake.square();
                break;
            case HINGE:
                realTerm = real.neg().add(1f).maximum(0f);
                fakeTerm = fake.add(1f).maximum(0f);
                break;
            default:
                throw new IllegalStateException("unexpected GAN type " + type);
        }
        return LossInputs.meanPerSample(realTerm).add(LossInputs.meanPerSample(fakeTerm));
    }

    private NDArray relativistic(NDArray real, NDArray fake) {
        NDArray realVsFake = real.sub(fake.mean());
        NDArray fakeVsReal = fake.sub(real.mean());
        NDArray realTerm;
        NDArray fakeTerm;
        if (side == Side.GENERATOR) {
            realTerm = softPlus(realVsFake); // real should look less real than the fakes
            fakeTerm = softPlus(fakeVsReal.neg()); // fakes should look more real than the reals
        } else {
            realTerm = softPlus(realVsFake.neg());
            fakeTerm = softPlus(fakeVsReal);
        }
        return LossInputs.meanPerSample(realTerm)
                .add(LossInputs.meanPerSample(fakeTerm))
                .mul(0.5f);
    }

    /** Engine softplus: stable for large |x| (returns x above a threshold), gradient 1/2 at 0. */
    private static NDArray softPlus(NDArray x) {
        return Activation.softPlus(x);
    }

    /** Builds an {@link AdversarialLoss}. */
    public static final class Builder extends BaseBuilder<Builder> {

        private final GanType type;
        private final Side side;

        Builder(String name, GanType type, Side side) {
            super(name);
            this.type = type;
            this.side = side;
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
         * @throws IllegalArgumentException if the GAN type is missing or a setting is invalid
         */
        public AdversarialLoss build() {
            if (type == null) {
                throw new IllegalArgumentException(
                        name() + ": the GAN type must not be null; choose one of "
                                + java.util.Arrays.toString(GanType.values()));
            }
            Objects.requireNonNull(side);
            return new AdversarialLoss(this);
        }
    }
}
