package dev.facesr.core.train.config;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.facesr.core.train.LossMetric;
import dev.facesr.core.train.ValidationMetric;
import dev.facesr.core.train.optim.ParameterOptimizer;
import dev.facesr.core.train.optim.StatefulAdam;
import java.util.ServiceLoader;

/**
 * The registries a configuration file's names are looked up in. Blocks, losses, degradations,
 * datasets and metrics are registered by the modules that define them; optimizers, learning-rate
 * schedules and the {@code loss} metric are built in ({@link #withDefaults()}).
 *
 * <p>Factory conventions: a loss factory gets its weight as supplied {@code "weight"} (Float)
 * and a composite loss its terms as supplied {@code "terms"} (List of Loss) with their
 * {@code "termNames"} (List of String) and {@code "termInputs"} (List of Integer, null = all
 * entries); an optimizer factory gets a supplied {@code "learningRate"} (Tracker) when the file
 * gives a schedule; a metric factory gets its figure name as supplied {@code "name"}; a dataset
 * factory gets the run's {@code "seed"} (Long), {@code "device"} (Device) and
 * {@code "baseDirectory"} (Path) for relative paths. fsr-core's own names are registered by
 * {@code dev.facesr.core.components.CoreComponentProvider}.
 */
public final class ComponentRegistries {

    private final Registry<Block> blocks = new Registry<>("block");
    private final Registry<Loss> losses = new Registry<>("loss");
    private final Registry<Object> degradations = new Registry<>("degradation");
    private final Registry<Dataset> datasets = new Registry<>("dataset");
    private final Registry<ParameterOptimizer> optimizers = new Registry<>("optimizer");
    private final Registry<Tracker> schedules = new Registry<>("schedule");
    private final Registry<ValidationMetric> metrics = new Registry<>("metric");

    private ComponentRegistries() {}

    /**
     * Makes registries with nothing registered.
     *
     * @return empty registries
     */
    public static ComponentRegistries empty() {
        return new ComponentRegistries();
    }

    /**
     * Makes registries with the built-ins: optimizers {@code adam} (StatefulAdam: lr, beta1,
     * beta2, epsilon, weightDecay) and {@code sgd} (DJL's: lr, momentum; its state is not
     * checkpointed); schedules {@code fixed} (lr), {@code cosine} (lr, finalLr, maxUpdates),
     * {@code multistep} (lr, steps, factor), {@code warmup-cosine} (lr, warmupSteps, finalLr,
     * maxUpdates); metric {@code loss} (loss: a name from the losses section).
     *
     * @return registries with the built-ins
     */
    public static ComponentRegistries withDefaults() {
        ComponentRegistries r = new ComponentRegistries();
        r.optimizers.register("adam", a -> StatefulAdam.builder()
                .optLearningRate(learningRate(a))
                .optBetas(a.getFloat("beta1", 0.9f), a.getFloat("beta2", 0.999f))
                .optEpsilon(a.getFloat("epsilon", 1e-8f))
                .optWeightDecay(a.getFloat("weightDecay", 0f)).build());
        r.optimizers.register("sgd", a -> ParameterOptimizer.ofDjl(Optimizer.sgd()
                .setLearningRateTracker(learningRate(a))
                .optMomentum(a.getFloat("momentum", 0f)).build()));
        r.schedules.register("fixed", a -> Tracker.fixed(a.getFloat("lr")));
        r.schedules.register("cosine", a -> Tracker.cosine().setBaseValue(a.getFloat("lr"))
                .optFinalValue(a.getFloat("finalLr", 0f)).setMaxUpdates(a.getInt("maxUpdates"))
                .build());
        r.schedules.register("multistep", a -> Tracker.multiFactor()
                .setBaseValue(a.getFloat("lr")).setSteps(a.getIntArray("steps"))
                .optFactor(a.getFloat("factor", 0.5f)).build());
        r.schedules.register("warmup-cosine", a -> Tracker.warmUp()
                .optWarmUpSteps(a.getInt("warmupSteps"))
                .setMainTracker(Tracker.cosine().setBaseValue(a.getFloat("lr"))
                        .optFinalValue(a.getFloat("finalLr", 0f))
                        .setMaxUpdates(a.getInt("maxUpdates")).build())
                .build());
        r.metrics.register("loss", a -> new LossMetric(a.getSupplied("name", String.class),
                a.getReference("loss", "losses", Loss.class)));
        return r;
    }

    /**
     * Makes registries with the built-ins plus everything registered by the
     * {@link ComponentProvider}s on the class path (found with {@link ServiceLoader}).
     *
     * @return the registries
     * @throws IllegalArgumentException if two providers register the same name
     */
    public static ComponentRegistries discover() {
        ComponentRegistries r = withDefaults();
        for (ComponentProvider p : ServiceLoader.load(ComponentProvider.class)) {
            p.register(r);
        }
        return r;
    }

    private static Tracker learningRate(Arguments a) {
        if (a.hasSupplied("learningRate")) {
            if (a.has("lr")) {
                throw new IllegalArgumentException(a.getOwner() + ": give either args.lr or a"
                        + " schedule, not both");
            }
            return a.getSupplied("learningRate", Tracker.class);
        }
        return Tracker.fixed(a.getFloat("lr", 1e-3f));
    }

    /**
     * Returns the block registry.
     *
     * @return blocks by name
     */
    public Registry<Block> blocks() {
        return blocks;
    }

    /**
     * Returns the loss registry.
     *
     * @return losses by name
     */
    public Registry<Loss> losses() {
        return losses;
    }

    /**
     * Returns the degradation registry (typed loosely: degradations are defined elsewhere;
     * datasets fetch them with {@link Arguments#getReference}).
     *
     * @return degradations by name
     */
    public Registry<Object> degradations() {
        return degradations;
    }

    /**
     * Returns the dataset registry.
     *
     * @return datasets by name
     */
    public Registry<Dataset> datasets() {
        return datasets;
    }

    /**
     * Returns the optimizer registry.
     *
     * @return optimizers by name
     */
    public Registry<ParameterOptimizer> optimizers() {
        return optimizers;
    }

    /**
     * Returns the learning-rate schedule registry.
     *
     * @return schedules by name
     */
    public Registry<Tracker> schedules() {
        return schedules;
    }

    /**
     * Returns the validation metric registry.
     *
     * @return metrics by name
     */
    public Registry<ValidationMetric> metrics() {
        return metrics;
    }
}
