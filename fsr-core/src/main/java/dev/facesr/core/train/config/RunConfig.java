package dev.facesr.core.train.config;

import java.util.List;
import java.util.Map;

/**
 * The content of a run configuration file (YAML or JSON); see {@code docs/training.md} for an
 * example. Unknown fields are rejected when the file is read; names of components are checked
 * against the {@link ComponentRegistries} when it is assembled.
 *
 * @param seed the run's seed (default 42)
 * @param device the device name, e.g. "gpu(0)" (default: the engine's default device)
 * @param checkpoints where and how often to checkpoint (required: its directory)
 * @param log how often to log figures and where to write them
 * @param validateEvery validate every this many steps (default 100)
 * @param blocks named blocks: type, input shapes, arguments
 * @param degradations named degradations: type and arguments
 * @param data named datasets: type and arguments (may name a degradation)
 * @param losses named losses: type, weight, arguments, terms
 * @param stages the stages in order
 */
public record RunConfig(Long seed, String device, CheckpointSpec checkpoints, LogSpec log,
        Integer validateEvery, Map<String, BlockSpec> blocks,
        Map<String, ComponentSpec> degradations, Map<String, ComponentSpec> data,
        Map<String, LossSpec> losses, List<StageSpec> stages) {

    /**
     * Returns a copy in which every stage runs {@code steps} steps (for a quick trial of a
     * configuration); {@code epochs} are dropped.
     *
     * @param steps the steps of every stage, at least 1
     * @return the changed configuration
     */
    public RunConfig withStageSteps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        List<StageSpec> changed = stages == null ? null : stages.stream()
                .map(s -> new StageSpec(s.name(), s.type(), steps, null, s.data(), s.network(),
                        s.loss(), s.optimizer(), s.generator(), s.discriminator(),
                        s.generatorLoss(), s.discriminatorLoss(), s.generatorOptimizer(),
                        s.discriminatorOptimizer(), s.conditionOnInput(), s.freeze(),
                        s.handover(), s.validation()))
                .toList();
        return new RunConfig(seed, device, checkpoints, log, validateEvery, blocks, degradations,
                data, losses, changed);
    }

    /**
     * A component: a registered type and its arguments.
     *
     * @param type the registered name
     * @param args the arguments
     */
    public record ComponentSpec(String type, Map<String, Object> args) {}

    /**
     * A block.
     *
     * @param type the registered block name
     * @param inputShapes the shapes to initialize it with, e.g. [[1, 3, 16, 16]]
     * @param args the arguments
     */
    public record BlockSpec(String type, List<List<Long>> inputShapes, Map<String, Object> args) {}

    /**
     * A loss; composite losses list their terms, each a loss spec with its own weight, name
     * and input selection.
     *
     * @param type the registered loss name
     * @param name as a term of a composite loss: the component's name, logged as
     *     {@code loss/<name>} (default: the type)
     * @param weight the weight (default 1), given to the factory as supplied "weight"
     * @param input as a term of a composite loss: the index of the labels and predictions
     *     entry it receives (default: all entries), e.g. 1 for the adversarial term of a
     *     generator loss
     * @param args the arguments
     * @param terms the terms of a composite loss, given to the factory as supplied "terms",
     *     with their names as "termNames" and inputs as "termInputs" (null = all)
     */
    public record LossSpec(String type, String name, Float weight, Integer input,
            Map<String, Object> args, List<LossSpec> terms) {}

    /**
     * An optimizer and its learning-rate schedule.
     *
     * @param type the registered optimizer name, e.g. "adam"
     * @param args the arguments, e.g. {lr: 1e-3}
     * @param schedule the learning-rate schedule (default: fixed at args.lr)
     */
    public record OptimizerSpec(String type, Map<String, Object> args, ComponentSpec schedule) {}

    /**
     * A validation metric.
     *
     * @param type the registered metric name, e.g. "loss"
     * @param name the figure name (default: the type)
     * @param args the arguments
     */
    public record MetricSpec(String type, String name, Map<String, Object> args) {}

    /**
     * Early stopping.
     *
     * @param figure the watched figure, e.g. "val/loss"
     * @param mode "minimize" (default) or "maximize"
     * @param patience validations without improvement that end the stage (default 5)
     * @param minDelta the least improvement (default 0)
     */
    public record EarlyStoppingSpec(String figure, String mode, Integer patience,
            Double minDelta) {}

    /**
     * A stage's validation.
     *
     * @param data the named validation dataset
     * @param metrics the metrics
     * @param maxBatches at most this many batches (default all)
     * @param earlyStopping optional early stopping
     */
    public record ValidationSpec(String data, List<MetricSpec> metrics, Integer maxBatches,
            EarlyStoppingSpec earlyStopping) {}

    /**
     * A parameter copy at the start of a stage.
     *
     * @param from the source block's name
     * @param to the target block's name
     */
    public record HandoverSpec(String from, String to) {}

    /**
     * A stage. Supervised stages use network, loss, optimizer; adversarial stages use
     * generator, discriminator, their losses and optimizers, and conditionOnInput. A network is
     * a list of block names composed in sequence (a single name is the block itself).
     *
     * @param name the unique stage name
     * @param type "supervised" or "adversarial"
     * @param steps the number of steps (or give epochs)
     * @param epochs the number of passes over the data, converted with {@code Epochs.toSteps}
     * @param data the named training dataset
     * @param network supervised: the network's blocks
     * @param loss supervised: the named loss
     * @param optimizer supervised: the optimizer
     * @param generator adversarial: the generator's blocks
     * @param discriminator adversarial: the discriminator's blocks
     * @param generatorLoss adversarial: the named generator loss
     * @param discriminatorLoss adversarial: the named discriminator loss
     * @param generatorOptimizer adversarial: G's optimizer
     * @param discriminatorOptimizer adversarial: D's optimizer
     * @param conditionOnInput adversarial: feed D with (image, lr)
     * @param freeze names of blocks frozen in this stage
     * @param handover parameter copies made when the stage starts
     * @param validation optional validation
     */
    public record StageSpec(String name, String type, Long steps, Integer epochs, String data,
            List<String> network, String loss, OptimizerSpec optimizer, List<String> generator,
            List<String> discriminator, String generatorLoss, String discriminatorLoss,
            OptimizerSpec generatorOptimizer, OptimizerSpec discriminatorOptimizer,
            Boolean conditionOnInput, List<String> freeze, List<HandoverSpec> handover,
            ValidationSpec validation) {}

    /**
     * Checkpointing.
     *
     * @param directory the directory (relative paths resolve against the file's directory)
     * @param every checkpoint every this many steps (default 100)
     * @param keep keep this many recent checkpoints (default 3)
     * @param resume resume from the latest checkpoint (default true)
     */
    public record CheckpointSpec(String directory, Integer every, Integer keep, Boolean resume) {}

    /**
     * Logging.
     *
     * @param every log loss figures every this many steps (default 10)
     * @param file the figure log file (optional; relative to the file's directory)
     * @param format "csv" (default) or "jsonl"
     * @param progress show progress (default true)
     */
    public record LogSpec(Integer every, String file, String format, Boolean progress) {}
}
