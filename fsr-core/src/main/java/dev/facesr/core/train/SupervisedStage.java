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
 * Trains one network with one (possibly composite) loss: {@code pred = net(data)},
 * {@code loss.evaluate(labels, pred)}, backward, update of the network's unfrozen parameters.
 * Figures: {@code loss} and, when the loss is a {@code ComponentLoss}, {@code loss/<part>}.
 */
public final class SupervisedStage extends AbstractTrainingStage {

    private final Block network;
    private final Loss loss;
    private final ParameterOptimizer optimizer;
    private ParameterGroup group;

    private SupervisedStage(Builder builder) {
        super(builder);
        this.network = builder.network;
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
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
     * Returns the trained network.
     *
     * @return the network
     */
    public Block getNetwork() {
        return network;
    }

    @Override
    public List<Block> getTrainedBlocks() {
        return List.of(network);
    }

    @Override
    public Map<String, ParameterOptimizer> getOptimizers() {
        return Map.of("optimizer", optimizer);
    }

    @Override
    public void prepare(StageContext context) {
        group = context.getParameterIndex().group(network, "stage '" + getName() + "' network");
    }

    @Override
    public Map<String, Float> trainStep(Batch batch, StageContext context, boolean withComponents) {
        if (group == null) {
            throw new IllegalStateException("stage '" + getName() + "' was not prepared; run it"
                    + " through a TrainingRun");
        }
        NDList inputs = batch.getData();
        NDList labels = batch.getLabels();
        group.zeroGradients();
        NDList predictions;
        NDArray total;
        try (GradientCollector collector = context.getEngine().newGradientCollector()) {
            predictions = network.forward(context.getParameterStore(), inputs, true);
            total = loss.evaluate(labels, predictions);
            scalar(total, "loss");
            collector.backward(total);
        }
        Map<String, Float> figures = new LinkedHashMap<>();
        if (gradientsFinite(group, "network", figures, "")) {
            optimizer.step(group.trainable());
        }
        putLossFigures(figures, "loss", loss, total, withComponents, labels, predictions);
        return figures;
    }

    @Override
    public NDList predict(NDList inputs, StageContext context) {
        return network.forward(context.getParameterStore(), inputs, false);
    }

    /** Builder for {@link SupervisedStage}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Block network;
        private Loss loss;
        private ParameterOptimizer optimizer;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the network to train (required).
         *
         * @param network the network; its parameters must belong to the run's named blocks
         * @return this builder
         */
        public Builder setNetwork(Block network) {
            this.network = network;
            return this;
        }

        /**
         * Sets the loss (required): evaluated as {@code loss.evaluate(labels, predictions)}.
         *
         * @param loss the loss, returning a scalar batch mean
         * @return this builder
         */
        public Builder setLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Sets the optimizer (required).
         *
         * @param optimizer the optimizer, e.g. {@code StatefulAdam.builder().build()}
         * @return this builder
         */
        public Builder setOptimizer(ParameterOptimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Builds the stage.
         *
         * @return the stage
         * @throws IllegalArgumentException if a required setting is missing
         */
        public SupervisedStage build() {
            validateBase();
            String n = getName();
            if (network == null) {
                throw new IllegalArgumentException("stage '" + n + "': no network; call setNetwork");
            }
            if (loss == null) {
                throw new IllegalArgumentException("stage '" + n + "': no loss; call setLoss");
            }
            if (optimizer == null) {
                throw new IllegalArgumentException("stage '" + n + "': no optimizer; call"
                        + " setOptimizer, e.g. StatefulAdam.builder().build()");
            }
            return new SupervisedStage(this);
        }
    }
}
