package dev.facesr.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import dev.facesr.core.data.EpochAware;
import dev.facesr.core.train.checkpoint.CheckpointState;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import dev.facesr.core.train.optim.ParameterOptimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: named blocks, a {@link StageSchedule}, and how to log, validate and
 * checkpoint. {@link #run()} resumes from the latest valid checkpoint in the checkpoint
 * directory when there is one, then runs the remaining steps of every stage.
 *
 * <p>Per step: a batch from the stage's data (cycled), {@link TrainingStage#trainStep}, then the
 * batch is closed (all per-step arrays are attached to it). Every {@code logEvery} steps the
 * stage's figures (with named loss components) go to the observers; every
 * {@code validateEvery} steps, and at the end of a stage, its validator runs and early stopping
 * is checked; every {@code checkpointEvery} steps, and at the end of each stage, a checkpoint is
 * written.
 *
 * <pre>{@code
 * try (TrainingRun run = TrainingRun.builder()
 *         .addBlock("generator", generator, new Shape(1, 3, 8, 8))
 *         .setSchedule(StageSchedule.of(stage))
 *         .setCheckpointDirectory(dir)
 *         .addObserver(ProgressReporter.automatic())
 *         .addObserver(new FigureLog(dir.resolve("figures.csv"), FigureLog.Format.CSV))
 *         .build()) {
 *     RunResult result = run.run();
 * }
 * }</pre>
 */
public final class TrainingRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final Map<String, Block> blocks;
    private final Map<String, Shape[]> inputShapes;
    private final StageSchedule schedule;
    private final CheckpointStore checkpoints;
    private final long seed;
    private final int logEvery;
    private final int validateEvery;
    private final int checkpointEvery;
    private final boolean resume;
    private final List<TrainingObserver> observers;
    private final NDManager manager;
    private final Map<String, Double> lastFigures = new LinkedHashMap<>();
    private ParameterIndex index;
    private StageContext context;
    private boolean started;

    private TrainingRun(Builder b) {
        this.blocks = Collections.unmodifiableMap(new LinkedHashMap<>(b.blocks));
        this.inputShapes = new LinkedHashMap<>(b.inputShapes);
        this.schedule = b.schedule;
        this.checkpoints = new CheckpointStore(b.checkpointDirectory, b.keepCheckpoints);
        this.seed = b.seed;
        this.logEvery = b.logEvery;
        this.validateEvery = b.validateEvery;
        this.checkpointEvery = b.checkpointEvery;
        this.resume = b.resume;
        this.observers = List.copyOf(b.observers);
        Device device = b.device != null ? b.device : Engine.getInstance().defaultDevice();
        this.manager = NDManager.newBaseManager(device);
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
     * Returns the named blocks.
     *
     * @return blocks by name, in registration order
     */
    public Map<String, Block> getBlocks() {
        return blocks;
    }

    /**
     * Returns the schedule.
     *
     * @return the schedule
     */
    public StageSchedule getSchedule() {
        return schedule;
    }

    /**
     * Returns the checkpoint store.
     *
     * @return the store
     */
    public CheckpointStore getCheckpoints() {
        return checkpoints;
    }

    /**
     * Returns the manager that holds the parameters (on the run's device).
     *
     * @return the manager
     */
    public NDManager getManager() {
        return manager;
    }

    /**
     * Runs (or resumes) the schedule to its end.
     *
     * @return the result
     * @throws IllegalStateException if the run was already started
     * @throws IOException if a checkpoint cannot be read or written
     * @throws TranslateException if the training data cannot be prepared
     */
    public RunResult run() throws IOException, TranslateException {
        if (started) {
            throw new IllegalStateException("this run was already started; build a new"
                    + " TrainingRun to run again (it resumes from the checkpoints)");
        }
        started = true;
        try {
            return runStages();
        } finally {
            for (TrainingObserver o : observers) {
                o.onRunEnd();
            }
        }
    }

    private RunResult runStages() throws IOException, TranslateException {
        manager.getEngine().setRandomSeed((int) StageContext.mix(seed, 0));
        initializeBlocks();
        index = ParameterIndex.of(blocks);
        List<TrainingStage> stages = schedule.getStages();
        for (TrainingStage s : stages) {
            for (Block net : s.getTrainedBlocks()) {
                index.group(net, "stage '" + s.getName() + "' network");
            }
        }
        Map<String, ParameterOptimizer> optimizers = allOptimizers();

        CheckpointState state = new CheckpointState(0, 0, 0, seed, Double.NaN, 0);
        long resumedFrom = -1;
        if (resume) {
            checkpoints.deleteStaleTemporaryFiles();
            Optional<Path> latest = checkpoints.latestValid();
            if (latest.isPresent()) {
                state = CheckpointStore.restore(latest.get(), blocks, optimizers, manager);
                resumedFrom = state.globalStep();
                LOG.info("resumed from {} (stage {}, stage step {}, global step {})",
                        latest.get(), state.stageIndex(), state.stageStep(), state.globalStep());
            }
        }

        long runSeed = state.seed();
        if (runSeed != seed) {
            LOG.warn("the checkpoint was written with seed {}, not the configured {}; the"
                    + " checkpoint's seed is kept so the resumed run continues the same stream",
                    runSeed, seed);
        }
        context = new StageContext(manager, index, runSeed);
        long global = state.globalStep();
        for (int si = state.stageIndex(); si < stages.size(); si++) {
            boolean continuing = si == state.stageIndex() && state.stageStep() > 0;
            EarlyStopping.State es = continuing
                    ? new EarlyStopping.State(state.earlyStoppingBest(), state.earlyStoppingBad())
                    : EarlyStopping.State.initial();
            global = runStage(si, continuing ? state.stageStep() : 0, global, es, runSeed,
                    optimizers);
        }
        return new RunResult(global, resumedFrom, global - state.globalStep(),
                Collections.unmodifiableMap(new LinkedHashMap<>(lastFigures)));
    }

    /** Runs one stage from {@code stageStep}; returns the global step at its end. */
    private long runStage(int si, long stageStep, long global, EarlyStopping.State es,
            long runSeed, Map<String, ParameterOptimizer> optimizers)
            throws IOException, TranslateException {
        TrainingStage stage = schedule.getStages().get(si);
        if (stageStep == 0) {
            for (BlockHandover h : stage.getHandovers()) {
                h.apply();
            }
        }
        applyFreezing(stage);
        context.setPosition(si, stageStep, global);
        stage.prepare(context);
        stage.getDataset().prepare();
        long startedAt = stageStep;
        StageProgress progress = progress(si, stage, stageStep, global, startedAt);
        for (TrainingObserver o : observers) {
            o.onStageStart(progress);
        }
        boolean stopped = false;
        try (BatchCycle batches = new BatchCycle(stage, manager, runSeed)) {
            while (stageStep < stage.getSteps()) {
                boolean logNow = (global + 1) % logEvery == 0;
                Map<String, Float> figures;
                Batch batch = batches.next(global);
                try {
                    figures = stage.trainStep(batch, context, logNow);
                } finally {
                    batch.close();
                }
                stageStep++;
                global++;
                context.setPosition(si, stageStep, global);
                List<FigureRecord> logged = new ArrayList<>();
                if (logNow) {
                    logged.addAll(stepFigures(si, stage, global, figures));
                }
                boolean lastStep = stageStep == stage.getSteps();
                if (stage.getValidator().isPresent()
                        && (global % validateEvery == 0 || lastStep)) {
                    Map<String, Double> val = stage.getValidator().get().validate(stage, context);
                    Instant now = Instant.now();
                    for (Map.Entry<String, Double> e : val.entrySet()) {
                        logged.add(new FigureRecord(global, si, stage.getName(), e.getKey(),
                                e.getValue(), now));
                    }
                    if (stage.getEarlyStopping().isPresent()) {
                        EarlyStopping rule = stage.getEarlyStopping().get();
                        es = rule.update(es, val);
                        stopped = rule.shouldStop(es);
                    }
                }
                if (!logged.isEmpty()) {
                    for (FigureRecord f : logged) {
                        lastFigures.put(f.name(), f.value());
                    }
                    for (TrainingObserver o : observers) {
                        o.onFigures(logged);
                    }
                }
                progress = progress(si, stage, stageStep, global, startedAt);
                for (TrainingObserver o : observers) {
                    o.onStep(progress, logged);
                }
                if (stopped || lastStep) {
                    break;
                }
                if (global % checkpointEvery == 0) {
                    writeCheckpoint(new CheckpointState(si, stageStep, global, runSeed,
                            es.best(), es.validationsWithoutImprovement()), optimizers);
                }
            }
        }
        // The stage is done: the checkpoint points at the next one.
        writeCheckpoint(new CheckpointState(si + 1, 0, global, runSeed, Double.NaN, 0),
                optimizers);
        for (TrainingObserver o : observers) {
            o.onStageEnd(progress, stopped);
        }
        return global;
    }

    /** The figures of a logging step: the stage's own and each optimizer's learning rate. */
    private static List<FigureRecord> stepFigures(int si, TrainingStage stage, long global,
            Map<String, Float> figures) {
        List<FigureRecord> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Map.Entry<String, Float> e : figures.entrySet()) {
            out.add(new FigureRecord(global, si, stage.getName(), e.getKey(), e.getValue(), now));
        }
        for (Map.Entry<String, ParameterOptimizer> e : stage.getOptimizers().entrySet()) {
            double lr = e.getValue().getLearningRate();
            if (Double.isFinite(lr)) {
                out.add(new FigureRecord(global, si, stage.getName(), "lr/" + e.getKey(), lr,
                        now));
            }
        }
        return out;
    }

    private void initializeBlocks() {
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            Block block = e.getValue();
            if (!block.isInitialized()) {
                Shape[] shapes = inputShapes.get(e.getKey());
                if (shapes == null || shapes.length == 0) {
                    throw new IllegalStateException("block '" + e.getKey() + "' is not"
                            + " initialized and no input shapes were given; pass them to"
                            + " addBlock(name, block, shapes...)");
                }
                block.initialize(manager, DataType.FLOAT32, shapes);
            }
        }
    }

    private Map<String, ParameterOptimizer> allOptimizers() {
        Map<String, ParameterOptimizer> out = new LinkedHashMap<>();
        List<TrainingStage> stages = schedule.getStages();
        for (int i = 0; i < stages.size(); i++) {
            for (Map.Entry<String, ParameterOptimizer> e
                    : stages.get(i).getOptimizers().entrySet()) {
                out.put(i + ":" + stages.get(i).getName() + ":" + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static void applyFreezing(TrainingStage stage) {
        for (Block b : stage.getTrainedBlocks()) {
            // Running statistics are state, never trained: unfreezing them would make batch
            // norm fail ("not differentiable with respect to argument 'running_mean'").
            b.freezeParameters(false, p -> p.getType() != Parameter.Type.RUNNING_MEAN
                    && p.getType() != Parameter.Type.RUNNING_VAR);
        }
        for (Block b : stage.getFrozenBlocks()) {
            b.freezeParameters(true);
        }
    }

    private StageProgress progress(int si, TrainingStage stage, long stageStep, long global,
            long startedAt) {
        return new StageProgress(si, schedule.getStages().size(), stage.getName(), stageStep,
                stage.getSteps(), global, startedAt);
    }

    private void writeCheckpoint(CheckpointState state, Map<String, ParameterOptimizer> optimizers)
            throws IOException {
        Path path = checkpoints.write(state, blocks, optimizers);
        for (TrainingObserver o : observers) {
            o.onCheckpoint(path, state.globalStep());
        }
    }

    /** Closes the optimizers' state and the manager holding the parameters. */
    @Override
    public void close() {
        for (ParameterOptimizer o : allOptimizers().values()) {
            o.close();
        }
        manager.close();
    }

    /** Cycles through a stage's batches, starting a new pass when one ends. */
    private static final class BatchCycle implements AutoCloseable {
        private final TrainingStage stage;
        private final NDManager dataManager;
        private final long seed;
        private Iterator<Batch> it;

        BatchCycle(TrainingStage stage, NDManager manager, long seed) {
            this.stage = stage;
            this.dataManager = manager.newSubManager();
            this.seed = seed;
        }

        Batch next(long globalStep) {
            try {
                if (it == null || !it.hasNext()) {
                    // Data order depends only on the seed and the step at which the pass starts.
                    dataManager.getEngine().setRandomSeed(
                            (int) StageContext.mix(seed, globalStep));
                    // So is the pass's augmentation: the same in a run resumed at this step.
                    if (stage.getDataset() instanceof EpochAware aware) {
                        aware.setEpoch(globalStep);
                    }
                    it = stage.getDataset().getData(dataManager).iterator();
                    if (!it.hasNext()) {
                        throw new IllegalStateException("stage '" + stage.getName()
                                + "': the training dataset gave no batch");
                    }
                }
                return it.next();
            } catch (IOException e) {
                throw new UncheckedIOException("stage '" + stage.getName()
                        + "': training data could not be read", e);
            } catch (TranslateException e) {
                throw new IllegalStateException("stage '" + stage.getName()
                        + "': training data could not be read", e);
            }
        }

        @Override
        public void close() {
            dataManager.close();
        }
    }

    /** Builder for {@link TrainingRun}. */
    public static final class Builder {
        private final Map<String, Block> blocks = new LinkedHashMap<>();
        private final Map<String, Shape[]> inputShapes = new LinkedHashMap<>();
        private StageSchedule schedule;
        private Path checkpointDirectory;
        private int keepCheckpoints = 3;
        private long seed = 42;
        private int logEvery = 10;
        private int validateEvery = 100;
        private int checkpointEvery = 100;
        private boolean resume = true;
        private Device device;
        private final List<TrainingObserver> observers = new ArrayList<>();

        private Builder() {}

        /**
         * Registers a named block: its parameters are checkpointed under this name. Every
         * parameter a stage trains must belong to a named block.
         *
         * @param name a unique name, e.g. "encoder"
         * @param block the block
         * @param inputShapes the shapes to initialize it with when it is not initialized yet
         * @return this builder
         */
        public Builder addBlock(String name, Block block, Shape... inputShapes) {
            if (name == null || name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("block name must be non-blank without '/',"
                        + " got '" + name + "'");
            }
            if (block == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            if (blocks.containsKey(name)) {
                throw new IllegalArgumentException("a block named '" + name + "' is already"
                        + " registered");
            }
            blocks.put(name, block);
            this.inputShapes.put(name, inputShapes.clone());
            return this;
        }

        /**
         * Sets the stages (required).
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder setSchedule(StageSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets where checkpoints are written and resumed from (required).
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder setCheckpointDirectory(Path directory) {
            this.checkpointDirectory = directory;
            return this;
        }

        /**
         * Sets how many recent checkpoints to keep (default 3).
         *
         * @param keep the number, >= 1
         * @return this builder
         */
        public Builder optKeepCheckpoints(int keep) {
            this.keepCheckpoints = keep;
            return this;
        }

        /**
         * Sets the seed of the engine's random generator and of {@link StageContext#stepRandom}
         * (default 42).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Logs the loss figures every {@code n} steps (default 10).
         *
         * @param n the interval, >= 1
         * @return this builder
         */
        public Builder optLogEvery(int n) {
            this.logEvery = n;
            return this;
        }

        /**
         * Validates every {@code n} steps and at the end of each stage (default 100).
         *
         * @param n the interval, >= 1
         * @return this builder
         */
        public Builder optValidateEvery(int n) {
            this.validateEvery = n;
            return this;
        }

        /**
         * Writes a checkpoint every {@code n} steps and at the end of each stage (default 100).
         *
         * @param n the interval, >= 1
         * @return this builder
         */
        public Builder optCheckpointEvery(int n) {
            this.checkpointEvery = n;
            return this;
        }

        /**
         * Whether to resume from the latest checkpoint in the directory (default true).
         *
         * @param resume false to start fresh (existing checkpoints are then overwritten)
         * @return this builder
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Sets the device (default: the engine's default device).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Adds an observer (progress, figure logs, your own).
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder addObserver(TrainingObserver observer) {
            observers.add(observer);
            return this;
        }

        /**
         * Builds the run; it creates the manager holding the parameters, so close the run.
         *
         * @return the run
         * @throws IllegalArgumentException if a setting is missing or out of range
         */
        public TrainingRun build() {
            if (schedule == null) {
                throw new IllegalArgumentException("no stages; call setSchedule(...)");
            }
            if (checkpointDirectory == null) {
                throw new IllegalArgumentException("no checkpoint directory; call"
                        + " setCheckpointDirectory(...)");
            }
            if (blocks.isEmpty()) {
                throw new IllegalArgumentException("no blocks; call addBlock(name, block,"
                        + " shapes...) for every block the stages train");
            }
            if (logEvery < 1 || validateEvery < 1 || checkpointEvery < 1 || keepCheckpoints < 1) {
                throw new IllegalArgumentException("logEvery, validateEvery, checkpointEvery and"
                        + " keepCheckpoints must be >= 1");
            }
            if (observers.contains(null)) {
                throw new IllegalArgumentException("an observer is null");
            }
            return new TrainingRun(this);
        }
    }
}
