package dev.facesr.core.train.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.facesr.core.train.AbstractTrainingStage;
import dev.facesr.core.train.AdversarialStage;
import dev.facesr.core.train.BlockHandover;
import dev.facesr.core.train.DatasetValidator;
import dev.facesr.core.train.EarlyStopping;
import dev.facesr.core.train.Epochs;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.ValidationMetric;
import dev.facesr.core.train.config.RunConfig.BlockSpec;
import dev.facesr.core.train.config.RunConfig.ComponentSpec;
import dev.facesr.core.train.config.RunConfig.LossSpec;
import dev.facesr.core.train.config.RunConfig.MetricSpec;
import dev.facesr.core.train.config.RunConfig.OptimizerSpec;
import dev.facesr.core.train.config.RunConfig.StageSpec;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.log.ProgressReporter;
import dev.facesr.core.train.optim.ParameterOptimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link RunConfig} into a {@link TrainingRun.Builder}, building every named component
 * through the {@link ComponentRegistries}. Sections are built in the order degradations, data,
 * blocks, losses, stages, so a later section may refer to an earlier one by name. Every unknown
 * name fails with the list of known ones.
 */
public final class RunAssembler {

    /** The seed of a configuration that gives none (the engine's default). */
    static final long DEFAULT_SEED = 42;

    private final ComponentRegistries registries;

    /**
     * Makes an assembler.
     *
     * @param registries where names are looked up
     */
    public RunAssembler(ComponentRegistries registries) {
        if (registries == null) {
            throw new IllegalArgumentException("registries must not be null");
        }
        this.registries = registries;
    }

    /**
     * Reads a configuration file and assembles it, resolving relative paths against the file's
     * directory.
     *
     * @param configFile a YAML or JSON run configuration
     * @return the run builder and the named components
     * @throws IOException if the file cannot be read or is malformed
     * @throws IllegalArgumentException if a name, value or reference is wrong
     */
    public AssembledRun assemble(Path configFile) throws IOException {
        Path base = configFile.toAbsolutePath().getParent();
        return assemble(RunConfigLoader.load(configFile), base);
    }

    /**
     * Builds the components and the run builder of a configuration.
     *
     * @param config the configuration
     * @param baseDirectory the directory relative paths are resolved against (usually the
     *     configuration file's directory)
     * @return the run builder and the named components
     * @throws IllegalArgumentException if a name, value or reference is wrong (the message says
     *     which and lists what is known)
     */
    public AssembledRun assemble(RunConfig config, Path baseDirectory) {
        Map<String, Object> degradations = new LinkedHashMap<>();
        Map<String, Dataset> data = new LinkedHashMap<>();
        Map<String, Block> blocks = new LinkedHashMap<>();
        Map<String, Loss> losses = new LinkedHashMap<>();
        Map<String, Map<String, ?>> sections = Map.of("degradations", degradations, "data", data,
                "blocks", blocks, "losses", losses);
        Arguments.Resolver resolver = new Arguments.Resolver() {
            @Override
            public Object resolve(String section, String name) {
                Map<String, ?> m = sections.get(section);
                return m == null ? null : m.get(name);
            }

            @Override
            public Set<String> names(String section) {
                Map<String, ?> m = sections.get(section);
                return m == null ? Set.of() : m.keySet();
            }
        };

        for (Map.Entry<String, ComponentSpec> e : orEmpty(config.degradations()).entrySet()) {
            String owner = "degradations." + e.getKey();
            degradations.put(e.getKey(), registries.degradations().create(
                    type(e.getValue().type(), owner), new Arguments(owner, e.getValue().args(),
                            null, resolver)));
        }
        Device device = config.device() == null ? Engine.getInstance().defaultDevice()
                : Device.fromName(config.device());
        Map<String, Object> dataSupplied = Map.of("seed", config.seed() == null ? DEFAULT_SEED
                : config.seed(), "device", device, "baseDirectory", baseDirectory);
        for (Map.Entry<String, ComponentSpec> e : orEmpty(config.data()).entrySet()) {
            String owner = "data." + e.getKey();
            data.put(e.getKey(), registries.datasets().create(type(e.getValue().type(), owner),
                    new Arguments(owner, e.getValue().args(), dataSupplied, resolver)));
        }
        TrainingRun.Builder builder = TrainingRun.builder();
        for (Map.Entry<String, BlockSpec> e : orEmpty(config.blocks()).entrySet()) {
            String owner = "blocks." + e.getKey();
            BlockSpec spec = e.getValue();
            Block block = registries.blocks().create(type(spec.type(), owner),
                    new Arguments(owner, spec.args(), null, resolver));
            blocks.put(e.getKey(), block);
            builder.addBlock(e.getKey(), block, shapes(spec.inputShapes(), owner));
        }
        for (Map.Entry<String, LossSpec> e : orEmpty(config.losses()).entrySet()) {
            LossSpec spec = e.getValue();
            if (spec.name() != null || spec.input() != null) {
                throw new IllegalArgumentException("losses." + e.getKey() + ": 'name' and"
                        + " 'input' belong to the terms of a weighted-sum, not to a named loss");
            }
            losses.put(e.getKey(), loss(spec, "losses." + e.getKey(), resolver));
        }

        if (config.stages() == null || config.stages().isEmpty()) {
            throw new IllegalArgumentException("the configuration has no stages");
        }
        StageSchedule.Builder schedule = StageSchedule.builder();
        for (int i = 0; i < config.stages().size(); i++) {
            schedule.add(stage(config.stages().get(i), "stages[" + i + "]", blocks, losses, data,
                    resolver));
        }
        builder.setSchedule(schedule.build());

        RunConfig.CheckpointSpec ck = config.checkpoints();
        if (ck == null || ck.directory() == null) {
            throw new IllegalArgumentException("checkpoints.directory is required");
        }
        builder.setCheckpointDirectory(baseDirectory.resolve(ck.directory()).normalize());
        if (ck.every() != null) {
            builder.optCheckpointEvery(ck.every());
        }
        if (ck.keep() != null) {
            builder.optKeepCheckpoints(ck.keep());
        }
        if (ck.resume() != null) {
            builder.optResume(ck.resume());
        }
        if (config.seed() != null) {
            builder.optSeed(config.seed());
        }
        builder.optDevice(device);
        if (config.validateEvery() != null) {
            builder.optValidateEvery(config.validateEvery());
        }
        RunConfig.LogSpec log = config.log();
        if (log != null && log.every() != null) {
            builder.optLogEvery(log.every());
        }
        if (log == null || log.progress() == null || log.progress()) {
            builder.addObserver(ProgressReporter.automatic());
        }
        if (log != null && log.file() != null) {
            String format = log.format() == null ? "csv" : log.format().toLowerCase(Locale.ROOT);
            FigureLog.Format f = switch (format) {
                case "csv" -> FigureLog.Format.CSV;
                case "jsonl", "json-lines" -> FigureLog.Format.JSON_LINES;
                default -> throw new IllegalArgumentException("log.format '" + log.format()
                        + "' is unknown; known: [csv, jsonl]");
            };
            try {
                builder.addObserver(new FigureLog(
                        baseDirectory.resolve(log.file()).normalize(), f));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot open log.file " + log.file(), ex);
            }
        }
        return new AssembledRun(builder, blocks, losses, degradations, data);
    }

    private Loss loss(LossSpec spec, String owner, Arguments.Resolver resolver) {
        List<Loss> terms = new ArrayList<>();
        List<LossSpec> termSpecs = spec.terms() == null ? List.of() : spec.terms();
        for (int i = 0; i < termSpecs.size(); i++) {
            terms.add(loss(termSpecs.get(i), owner + ".terms[" + i + "]", resolver));
        }
        Map<String, Object> supplied = new LinkedHashMap<>();
        supplied.put("weight", spec.weight() == null ? 1f : spec.weight());
        if (!terms.isEmpty()) {
            List<String> names = new ArrayList<>();
            List<Integer> inputs = new ArrayList<>();
            for (LossSpec t : termSpecs) {
                names.add(t.name() == null ? t.type() : t.name());
                inputs.add(t.input());
            }
            supplied.put("terms", terms);
            supplied.put("termNames", names);
            supplied.put("termInputs", inputs);
        }
        Loss loss = registries.losses().create(type(spec.type(), owner),
                new Arguments(owner, spec.args(), supplied, resolver));
        return loss;
    }

    private AbstractTrainingStage stage(StageSpec s, String owner, Map<String, Block> blocks,
            Map<String, Loss> losses, Map<String, Dataset> data, Arguments.Resolver resolver) {
        if (s.name() == null) {
            throw new IllegalArgumentException(owner + ".name is required");
        }
        owner = "stage '" + s.name() + "'";
        String type = s.type() == null ? "supervised" : s.type();
        AbstractTrainingStage.BaseBuilder<?> base;
        switch (type) {
            case "supervised" -> {
                SupervisedStage.Builder b = SupervisedStage.builder()
                        .setNetwork(network(s.network(), blocks, owner + ".network"))
                        .setLoss(ref(losses, s.loss(), "loss", owner + ".loss"))
                        .setOptimizer(optimizer(s.optimizer(), owner + ".optimizer"));
                base = b;
            }
            case "adversarial" -> {
                AdversarialStage.Builder b = AdversarialStage.builder()
                        .setGenerator(network(s.generator(), blocks, owner + ".generator"))
                        .setDiscriminator(network(s.discriminator(), blocks,
                                owner + ".discriminator"))
                        .setGeneratorLoss(ref(losses, s.generatorLoss(), "loss",
                                owner + ".generatorLoss"))
                        .setDiscriminatorLoss(ref(losses, s.discriminatorLoss(), "loss",
                                owner + ".discriminatorLoss"))
                        .setGeneratorOptimizer(optimizer(s.generatorOptimizer(),
                                owner + ".generatorOptimizer"))
                        .setDiscriminatorOptimizer(optimizer(s.discriminatorOptimizer(),
                                owner + ".discriminatorOptimizer"))
                        .optConditionOnInput(Boolean.TRUE.equals(s.conditionOnInput()));
                base = b;
            }
            default -> throw new IllegalArgumentException(owner + ": unknown stage type '" + type
                    + "'; known stage types: [adversarial, supervised]");
        }
        base.setName(s.name());
        Dataset train = ref(data, s.data(), "data", owner + ".data");
        base.setDataset(train);
        if (s.steps() != null && s.epochs() != null) {
            throw new IllegalArgumentException(owner + ": give steps or epochs, not both");
        }
        if (s.epochs() != null) {
            try {
                base.setSteps(Epochs.toSteps(train, s.epochs()));
            } catch (IOException | TranslateException e) {
                throw new IllegalArgumentException(owner + ": cannot count the batches of data '"
                        + s.data() + "' for epochs: " + e.getMessage(), e);
            }
        } else {
            base.setSteps(s.steps() == null ? 0 : s.steps());
        }
        for (String f : orEmpty(s.freeze())) {
            base.optFreeze(ref(blocks, f, "block", owner + ".freeze"));
        }
        for (RunConfig.HandoverSpec h : orEmpty(s.handover())) {
            base.optHandover(BlockHandover.copy(ref(blocks, h.from(), "block",
                    owner + ".handover.from"), ref(blocks, h.to(), "block", owner
                    + ".handover.to")));
        }
        RunConfig.ValidationSpec v = s.validation();
        if (v != null) {
            DatasetValidator.Builder vb = DatasetValidator.builder()
                    .setDataset(ref(data, v.data(), "data", owner + ".validation.data"));
            if (v.maxBatches() != null) {
                vb.optMaxBatches(v.maxBatches());
            }
            for (MetricSpec m : orEmpty(v.metrics())) {
                String mOwner = owner + ".validation.metrics";
                String name = m.name() == null ? m.type() : m.name();
                ValidationMetric metric = registries.metrics().create(type(m.type(), mOwner),
                        new Arguments(mOwner, m.args(), Map.of("name", name), resolver));
                vb.addMetric(metric);
            }
            base.optValidator(vb.build());
            RunConfig.EarlyStoppingSpec es = v.earlyStopping();
            if (es != null) {
                String mode = es.mode() == null ? "minimize" : es.mode().toLowerCase(Locale.ROOT);
                EarlyStopping.Mode m = switch (mode) {
                    case "minimize", "min" -> EarlyStopping.Mode.MINIMIZE;
                    case "maximize", "max" -> EarlyStopping.Mode.MAXIMIZE;
                    default -> throw new IllegalArgumentException(owner + ".validation"
                            + ".earlyStopping.mode '" + es.mode() + "' is unknown; known:"
                            + " [minimize, maximize]");
                };
                base.optEarlyStopping(EarlyStopping.of(es.figure(), m,
                        es.patience() == null ? 5 : es.patience(),
                        es.minDelta() == null ? 0 : es.minDelta()));
            }
        }
        return type.equals("supervised") ? ((SupervisedStage.Builder) base).build()
                : ((AdversarialStage.Builder) base).build();
    }

    private ParameterOptimizer optimizer(OptimizerSpec spec, String owner) {
        if (spec == null) {
            throw new IllegalArgumentException(owner + " is required, e.g. {type: adam, args:"
                    + " {lr: 0.001}}");
        }
        Map<String, Object> supplied = new LinkedHashMap<>();
        if (spec.schedule() != null) {
            String sOwner = owner + ".schedule";
            Tracker t = registries.schedules().create(type(spec.schedule().type(), sOwner),
                    new Arguments(sOwner, spec.schedule().args(), null, null));
            supplied.put("learningRate", t);
        }
        return registries.optimizers().create(type(spec.type(), owner),
                new Arguments(owner, spec.args(), supplied, null));
    }

    private static Block network(List<String> names, Map<String, Block> blocks, String owner) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(owner + " is required: a block name or a list of"
                    + " block names; known blocks: " + blocks.keySet());
        }
        if (names.size() == 1) {
            return ref(blocks, names.get(0), "block", owner);
        }
        SequentialBlock seq = new SequentialBlock();
        for (String n : names) {
            seq.add(ref(blocks, n, "block", owner));
        }
        return seq;
    }

    private static <T> T ref(Map<String, T> section, String name, String kind, String owner) {
        if (name == null) {
            throw new IllegalArgumentException(owner + " is required; known " + Registry.plural(kind) + ": "
                    + section.keySet());
        }
        T t = section.get(name);
        if (t == null) {
            throw new IllegalArgumentException(owner + " names unknown " + kind + " '" + name
                    + "'; known " + Registry.plural(kind) + ": " + section.keySet());
        }
        return t;
    }

    private static String type(String type, String owner) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException(owner + ".type is required");
        }
        return type;
    }

    private static Shape[] shapes(List<List<Long>> shapes, String owner) {
        if (shapes == null) {
            return new Shape[0];
        }
        Shape[] out = new Shape[shapes.size()];
        for (int i = 0; i < out.length; i++) {
            List<Long> dims = shapes.get(i);
            if (dims == null || dims.isEmpty() || dims.stream().anyMatch(d -> d == null || d < 1)) {
                throw new IllegalArgumentException(owner + ".inputShapes[" + i + "] must be a"
                        + " list of positive sizes, e.g. [1, 3, 16, 16]; got " + dims);
            }
            out[i] = new Shape(dims.stream().mapToLong(Long::longValue).toArray());
        }
        return out;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
