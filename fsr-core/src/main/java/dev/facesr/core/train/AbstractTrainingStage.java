package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import dev.facesr.core.loss.ComponentLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings every stage shares: name, steps, data, freezing, hand-overs, validation. */
public abstract class AbstractTrainingStage implements TrainingStage {

    /**
     * How many steps in a row may skip an update because of non-finite gradients before the stage
     * gives up: a rare bad step is skipped, a diverged network stops the run.
     */
    public static final int MAX_CONSECUTIVE_SKIPPED_UPDATES = 3;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AbstractTrainingStage.class);

    private int consecutiveSkips;

    private final String name;
    private final long steps;
    private final Dataset dataset;
    private final List<Block> frozen;
    private final List<BlockHandover> handovers;
    private final Validator validator;
    private final EarlyStopping earlyStopping;

    /**
     * Copies the shared settings from a builder (validated by {@link BaseBuilder#validateBase}).
     *
     * @param builder the builder
     */
    protected AbstractTrainingStage(BaseBuilder<?> builder) {
        builder.validateBase();
        this.name = builder.name;
        this.steps = builder.steps;
        this.dataset = builder.dataset;
        this.frozen = Collections.unmodifiableList(new ArrayList<>(builder.frozen));
        this.handovers = Collections.unmodifiableList(new ArrayList<>(builder.handovers));
        this.validator = builder.validator;
        this.earlyStopping = builder.earlyStopping;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getSteps() {
        return steps;
    }

    @Override
    public Dataset getDataset() {
        return dataset;
    }

    @Override
    public List<Block> getFrozenBlocks() {
        return frozen;
    }

    @Override
    public List<BlockHandover> getHandovers() {
        return handovers;
    }

    @Override
    public Optional<Validator> getValidator() {
        return Optional.ofNullable(validator);
    }

    @Override
    public Optional<EarlyStopping> getEarlyStopping() {
        return Optional.ofNullable(earlyStopping);
    }

    /**
     * Decides whether an optimizer may apply this step's gradients: yes when all are finite. When
     * some are not, the update is skipped (the weights stay as they were; the step's figures get
     * {@code prefix + "skipped"} = 1) and a warning names the parameters; after {@link
     * #MAX_CONSECUTIVE_SKIPPED_UPDATES} skipped steps in a row the stage stops with an error.
     *
     * @param group the parameters about to be updated
     * @param what the network's role, for messages, e.g. "generator"
     * @param figures where to record the skip
     * @param prefix figure name prefix, e.g. "" or "d/"
     * @return true to apply the update
     * @throws IllegalStateException after too many skipped steps in a row
     */
    protected final boolean gradientsFinite(ParameterGroup group, String what, Map<String, Float> figures,
            String prefix) {
        List<String> bad = group.nonFiniteGradients();
        if (bad.isEmpty()) {
            consecutiveSkips = 0;
            return true;
        }
        consecutiveSkips++;
        group.resetGradients(bad);
        String names = bad.size() > 5 ? bad.subList(0, 5) + " and " + (bad.size() - 5) + " more" : bad.toString();
        if (consecutiveSkips > MAX_CONSECUTIVE_SKIPPED_UPDATES) {
            throw new IllegalStateException("stage '" + name + "': the " + what + "'s gradients were not finite in "
                    + consecutiveSkips + " steps in a row (now in " + names + "); training diverged: lower the"
                    + " learning rate or check the data and the loss, then resume from the last checkpoint");
        }
        figures.put(prefix + "skipped", 1f);
        LOG.warn("stage '{}': non-finite gradients in the {} ({}); this update is skipped, the weights are unchanged",
                name, what, names);
        return false;
    }

    /**
     * Checks that a loss value is a finite scalar and returns it as a float.
     *
     * @param value the loss value
     * @param what the loss's role, for the message
     * @return the value
     */
    protected final float scalar(NDArray value, String what) {
        if (value.size() != 1) {
            throw new IllegalStateException(what + " of stage '" + name + "' returned shape "
                    + value.getShape() + "; a loss must return a scalar (the batch mean)");
        }
        float v = value.getFloat();
        if (!Float.isFinite(v)) {
            throw new IllegalStateException(what + " of stage '" + name + "' is " + v
                    + "; training diverged: lower the learning rate or check the data and the"
                    + " loss weights, then resume from the last checkpoint");
        }
        return v;
    }

    /**
     * Adds a loss's total and, when asked and the loss has named parts, each part, to figures.
     *
     * @param figures where to put the figures
     * @param prefix figure name prefix, e.g. "loss" or "g/loss"
     * @param loss the loss
     * @param total the already computed total
     * @param withComponents whether to compute the parts
     * @param labels the labels the loss was evaluated with
     * @param predictions the predictions the loss was evaluated with
     */
    protected final void putLossFigures(Map<String, Float> figures, String prefix, Loss loss,
            NDArray total, boolean withComponents, NDList labels, NDList predictions) {
        figures.put(prefix, scalar(total, prefix));
        if (withComponents && loss instanceof ComponentLoss) {
            Map<String, NDArray> parts =
                    ((ComponentLoss) loss).evaluateComponents(labels, predictions);
            for (Map.Entry<String, NDArray> e : parts.entrySet()) {
                figures.put(prefix + "/" + e.getKey(), scalar(e.getValue(), prefix + "/" + e.getKey()));
            }
        }
    }

    /**
     * Shared builder settings.
     *
     * @param <B> the concrete builder type
     */
    public abstract static class BaseBuilder<B extends BaseBuilder<B>> {
        private String name;
        private long steps;
        private Dataset dataset;
        private final List<Block> frozen = new ArrayList<>();
        private final List<BlockHandover> handovers = new ArrayList<>();
        private Validator validator;
        private EarlyStopping earlyStopping;

        /**
         * Returns this builder typed as the concrete builder.
         *
         * @return this
         */
        protected abstract B self();

        /**
         * Sets the stage's name (required, unique in a schedule).
         *
         * @param name the name
         * @return this builder
         */
        public B setName(String name) {
            this.name = name;
            return self();
        }

        /**
         * Sets the number of steps (required, positive).
         *
         * @param steps the number of optimisation steps
         * @return this builder
         */
        public B setSteps(long steps) {
            this.steps = steps;
            return self();
        }

        /**
         * Sets the training data (required).
         *
         * @param dataset batches with data = inputs and labels = targets
         * @return this builder
         */
        public B setDataset(Dataset dataset) {
            this.dataset = dataset;
            return self();
        }

        /**
         * Keeps blocks frozen during this stage: their parameters get no update.
         *
         * @param blocks the blocks to freeze
         * @return this builder
         */
        public B optFreeze(Block... blocks) {
            Collections.addAll(frozen, blocks);
            return self();
        }

        /**
         * Copies parameters between blocks when the stage starts fresh.
         *
         * @param handover the copy to make
         * @return this builder
         */
        public B optHandover(BlockHandover handover) {
            handovers.add(handover);
            return self();
        }

        /**
         * Validates the stage every few steps (the run decides how often).
         *
         * @param validator the validator
         * @return this builder
         */
        public B optValidator(Validator validator) {
            this.validator = validator;
            return self();
        }

        /**
         * Ends the stage early when a validation figure stops improving.
         *
         * @param earlyStopping the rule; needs a validator
         * @return this builder
         */
        public B optEarlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return self();
        }

        /**
         * Returns the stage name set so far (for messages in subclasses).
         *
         * @return the name or null
         */
        protected String getName() {
            return name;
        }

        /**
         * Checks the shared settings; concrete builders call it first in {@code build()}.
         *
         * @throws IllegalArgumentException if a shared setting is missing or inconsistent
         */
        protected final void validateBase() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("stage name is missing; call setName(...)");
            }
            if (steps <= 0) {
                throw new IllegalArgumentException("stage '" + name + "': steps must be > 0, got "
                        + steps + "; call setSteps(n)");
            }
            if (dataset == null) {
                throw new IllegalArgumentException("stage '" + name + "': no training data; call"
                        + " setDataset(...)");
            }
            if (frozen.contains(null)) {
                throw new IllegalArgumentException("stage '" + name + "': a frozen block is null");
            }
            if (earlyStopping != null && validator == null) {
                throw new IllegalArgumentException("stage '" + name + "': early stopping needs a"
                        + " validation figure; call optValidator(...) too");
            }
        }
    }
}
