package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import dev.facesr.core.train.optim.ParameterOptimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a generator against a discriminator, following the project's adversarial convention.
 *
 * <p>Batches give data = (lr, ...) and labels = (hr). One step:
 * <ol>
 *   <li>G step: {@code sr = G(data)}, {@code dFake = D(sr)}, {@code dReal = D(hr).stopGradient()},
 *       {@code gLoss.evaluate(NDList(hr, dReal), NDList(sr, dFake))}; backward; only G's
 *       unfrozen parameters are updated.</li>
 *   <li>D step: D's gradients are zeroed first (the G step left gradients in D), the fake is
 *       detached, {@code dLoss.evaluate(NDList(D(hr)), NDList(D(sr.stopGradient())))}; backward;
 *       only D's unfrozen parameters are updated.</li>
 * </ol>
 * With {@link Builder#optConditionOnInput(boolean)}, D receives {@code NDList(image, lr)} instead
 * of {@code NDList(image)} (lr is the first data array); D decides how to combine them.
 * Figures: {@code g/loss}, {@code d/loss}, and the named parts of each loss when it has them.
 */
public final class AdversarialStage extends AbstractTrainingStage {

    /** The points of a step that a {@link PhaseListener} is told about. */
    public enum Phase {
        /** Before anything of the G step (gradients not yet zeroed). */
        GENERATOR_STEP_START,
        /** After the G update. */
        GENERATOR_STEP_END,
        /** Before anything of the D step (D still holds the gradients the G step left). */
        DISCRIMINATOR_STEP_START,
        /** After D's gradients are zeroed, right before D's forward and backward. */
        DISCRIMINATOR_BEFORE_BACKWARD,
        /** After the D update. */
        DISCRIMINATOR_STEP_END
    }

    /** Observes the phases of a step (diagnostics and tests); must not change parameters. */
    @FunctionalInterface
    public interface PhaseListener {
        /**
         * Called at each phase of each step.
         *
         * @param phase the phase reached
         * @param generator the generator's parameters
         * @param discriminator the discriminator's parameters
         */
        void onPhase(Phase phase, ParameterGroup generator, ParameterGroup discriminator);
    }

    private final Block generator;
    private final Block discriminator;
    private final Loss generatorLoss;
    private final Loss discriminatorLoss;
    private final ParameterOptimizer generatorOptimizer;
    private final ParameterOptimizer discriminatorOptimizer;
    private final boolean conditionOnInput;
    private final PhaseListener listener;
    private ParameterGroup gGroup;
    private ParameterGroup dGroup;

    private AdversarialStage(Builder b) {
        super(b);
        this.generator = b.generator;
        this.discriminator = b.discriminator;
        this.generatorLoss = b.generatorLoss;
        this.discriminatorLoss = b.discriminatorLoss;
        this.generatorOptimizer = b.generatorOptimizer;
        this.discriminatorOptimizer = b.discriminatorOptimizer;
        this.conditionOnInput = b.conditionOnInput;
        this.listener = b.listener;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Block> getTrainedBlocks() {
        return List.of(generator, discriminator);
    }

    @Override
    public Map<String, ParameterOptimizer> getOptimizers() {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>();
        m.put("generator", generatorOptimizer);
        m.put("discriminator", discriminatorOptimizer);
        return m;
    }

    @Override
    public void prepare(StageContext context) {
        ParameterIndex index = context.getParameterIndex();
        gGroup = index.group(generator, "stage '" + getName() + "' generator");
        dGroup = index.group(discriminator, "stage '" + getName() + "' discriminator");
        for (String name : gGroup.all().keySet()) {
            if (dGroup.all().containsKey(name)) {
                throw new IllegalArgumentException("stage '" + getName() + "': parameter " + name
                        + " is in both the generator and the discriminator; they must not share"
                        + " parameters");
            }
        }
    }

    @Override
    public Map<String, Float> trainStep(Batch batch, StageContext context, boolean withComponents) {
        if (gGroup == null) {
            throw new IllegalStateException("stage '" + getName() + "' was not prepared; run it"
                    + " through a TrainingRun");
        }
        NDList data = batch.getData();
        NDArray lr = data.head();
        NDArray hr = batch.getLabels().head();
        Map<String, Float> figures = new LinkedHashMap<>();

        // G step
        phase(Phase.GENERATOR_STEP_START);
        gGroup.zeroGradients();
        NDArray sr;
        NDArray gTotal;
        NDList gLabels;
        NDList gPredictions;
        try (GradientCollector collector = context.getEngine().newGradientCollector()) {
            sr = generator.forward(context.getParameterStore(), data, true).head();
            NDArray dFake = discriminate(context, sr, lr);
            NDArray dReal = discriminate(context, hr, lr).stopGradient();
            gLabels = new NDList(hr, dReal);
            gPredictions = new NDList(sr, dFake);
            gTotal = generatorLoss.evaluate(gLabels, gPredictions);
            scalar(gTotal, "generator loss");
            collector.backward(gTotal);
        }
        if (gradientsFinite(gGroup, "generator", figures, "g/")) {
            generatorOptimizer.step(gGroup.trainable());
        }
        phase(Phase.GENERATOR_STEP_END);
        putLossFigures(figures, "g/loss", generatorLoss, gTotal, withComponents, gLabels,
                gPredictions);

        // D step
        phase(Phase.DISCRIMINATOR_STEP_START);
        dGroup.zeroGradients();
        phase(Phase.DISCRIMINATOR_BEFORE_BACKWARD);
        NDArray fake = sr.stopGradient();
        NDArray dTotal;
        NDList dLabels;
        NDList dPredictions;
        try (GradientCollector collector = context.getEngine().newGradientCollector()) {
            dLabels = new NDList(discriminate(context, hr, lr));
            dPredictions = new NDList(discriminate(context, fake, lr));
            dTotal = discriminatorLoss.evaluate(dLabels, dPredictions);
            scalar(dTotal, "discriminator loss");
            collector.backward(dTotal);
        }
        if (gradientsFinite(dGroup, "discriminator", figures, "d/")) {
            discriminatorOptimizer.step(dGroup.trainable());
        }
        phase(Phase.DISCRIMINATOR_STEP_END);
        putLossFigures(figures, "d/loss", discriminatorLoss, dTotal, withComponents, dLabels,
                dPredictions);
        return figures;
    }

    private NDArray discriminate(StageContext context, NDArray image, NDArray lr) {
        NDList in = conditionOnInput ? new NDList(image, lr) : new NDList(image);
        return discriminator.forward(context.getParameterStore(), in, true).head();
    }

    private void phase(Phase phase) {
        if (listener != null) {
            listener.onPhase(phase, gGroup, dGroup);
        }
    }

    @Override
    public NDList predict(NDList inputs, StageContext context) {
        return generator.forward(context.getParameterStore(), inputs, false);
    }

    /** Builder for {@link AdversarialStage}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Block generator;
        private Block discriminator;
        private Loss generatorLoss;
        private Loss discriminatorLoss;
        private ParameterOptimizer generatorOptimizer;
        private ParameterOptimizer discriminatorOptimizer;
        private boolean conditionOnInput;
        private PhaseListener listener;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the generator (required): maps a batch's data to the super-resolved image.
         *
         * @param generator the generator
         * @return this builder
         */
        public Builder setGenerator(Block generator) {
            this.generator = generator;
            return this;
        }

        /**
         * Sets the discriminator (required): maps an image (and the lr input when conditioned)
         * to logits.
         *
         * @param discriminator the discriminator
         * @return this builder
         */
        public Builder setDiscriminator(Block discriminator) {
            this.discriminator = discriminator;
            return this;
        }

        /**
         * Sets the generator loss (required), called with labels (hr, dReal) and predictions
         * (sr, dFake).
         *
         * @param loss the generator loss
         * @return this builder
         */
        public Builder setGeneratorLoss(Loss loss) {
            this.generatorLoss = loss;
            return this;
        }

        /**
         * Sets the discriminator loss (required), called with labels (dReal) and predictions
         * (dFake).
         *
         * @param loss the discriminator loss
         * @return this builder
         */
        public Builder setDiscriminatorLoss(Loss loss) {
            this.discriminatorLoss = loss;
            return this;
        }

        /**
         * Sets the generator's optimizer (required).
         *
         * @param optimizer the optimizer
         * @return this builder
         */
        public Builder setGeneratorOptimizer(ParameterOptimizer optimizer) {
            this.generatorOptimizer = optimizer;
            return this;
        }

        /**
         * Sets the discriminator's optimizer (required; not the generator's instance).
         *
         * @param optimizer the optimizer
         * @return this builder
         */
        public Builder setDiscriminatorOptimizer(ParameterOptimizer optimizer) {
            this.discriminatorOptimizer = optimizer;
            return this;
        }

        /**
         * Feeds D with {@code NDList(image, lr)} instead of {@code NDList(image)}.
         *
         * @param condition whether D is conditioned on the lr input
         * @return this builder
         */
        public Builder optConditionOnInput(boolean condition) {
            this.conditionOnInput = condition;
            return this;
        }

        /**
         * Observes the phases of each step.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optPhaseListener(PhaseListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Builds the stage.
         *
         * @return the stage
         * @throws IllegalArgumentException if a required setting is missing or G and D share
         *     the same block or optimizer
         */
        public AdversarialStage build() {
            validateBase();
            String n = getName();
            if (generator == null || discriminator == null) {
                throw new IllegalArgumentException("stage '" + n + "': generator and discriminator"
                        + " are required; call setGenerator and setDiscriminator");
            }
            if (generator == discriminator) {
                throw new IllegalArgumentException("stage '" + n + "': generator and discriminator"
                        + " are the same block");
            }
            if (generatorLoss == null || discriminatorLoss == null) {
                throw new IllegalArgumentException("stage '" + n + "': both losses are required;"
                        + " call setGeneratorLoss and setDiscriminatorLoss");
            }
            if (generatorOptimizer == null || discriminatorOptimizer == null) {
                throw new IllegalArgumentException("stage '" + n + "': both optimizers are"
                        + " required; call setGeneratorOptimizer and setDiscriminatorOptimizer");
            }
            if (generatorOptimizer == discriminatorOptimizer) {
                throw new IllegalArgumentException("stage '" + n + "': generator and discriminator"
                        + " need two optimizer instances (each keeps its own state)");
            }
            return new AdversarialStage(this);
        }
    }
}
