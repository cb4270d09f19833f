package dev.facesr.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import dev.facesr.core.train.optim.ParameterOptimizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stage of a training schedule: which networks it trains, which blocks it keeps frozen, what
 * one step does, and how it predicts for validation. Implementations: {@link SupervisedStage},
 * {@link AdversarialStage}.
 */
public interface TrainingStage {

    /**
     * Returns the stage's name (unique in a schedule; used in logs and checkpoints).
     *
     * @return the name
     */
    String getName();

    /**
     * Returns how many optimisation steps the stage runs (early stopping may end it sooner).
     *
     * @return the number of steps, positive
     */
    long getSteps();

    /**
     * Returns the training data; batches are cycled through until the stage has run its steps.
     *
     * @return the dataset
     */
    Dataset getDataset();

    /**
     * Returns the networks whose parameters this stage updates (unfrozen when the stage starts).
     *
     * @return the trained networks
     */
    List<Block> getTrainedBlocks();

    /**
     * Returns the blocks frozen during this stage (frozen after the trained ones are unfrozen, so
     * a frozen block may be part of a trained network).
     *
     * @return the frozen blocks
     */
    List<Block> getFrozenBlocks();

    /**
     * Returns the parameter copies to make when the stage starts fresh (not on resume).
     *
     * @return the hand-overs, in order
     */
    List<BlockHandover> getHandovers();

    /**
     * Returns the stage's optimizers by a name unique within the stage.
     *
     * @return the optimizers
     */
    Map<String, ParameterOptimizer> getOptimizers();

    /**
     * Returns the validator, if the stage is validated.
     *
     * @return the validator or empty
     */
    Optional<Validator> getValidator();

    /**
     * Returns the early-stopping rule, if any (it needs a validator).
     *
     * @return the rule or empty
     */
    Optional<EarlyStopping> getEarlyStopping();

    /**
     * Called when the stage starts or resumes, after freezing: look up parameter groups here.
     *
     * @param context the run context
     */
    void prepare(StageContext context);

    /**
     * Runs one optimisation step on a batch. All arrays made here must be attached to the
     * batch's manager (the default for arrays computed from the batch), which is closed after.
     *
     * @param batch the batch: data = inputs, labels = targets
     * @param context the run context
     * @param withComponents whether to also compute the named loss components
     * @return the figures of the step by name (at least the total loss), plain numbers
     */
    Map<String, Float> trainStep(Batch batch, StageContext context, boolean withComponents);

    /**
     * Predicts in inference mode (no gradients) for validation.
     *
     * @param inputs a batch's data
     * @param context the run context
     * @return the predictions, comparable with the batch's labels
     */
    NDList predict(NDList inputs, StageContext context);
}
