package dev.facesr.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;

/**
 * What a stage may use while it runs: the parameter store, the run's manager (and so its
 * device), the parameter index, the step counters and a seeded random source.
 */
public final class StageContext {

    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final ParameterIndex parameterIndex;
    private final long seed;
    private int stageIndex;
    private long stageStep;
    private long globalStep;

    StageContext(NDManager manager, ParameterIndex parameterIndex, long seed) {
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.parameterIndex = parameterIndex;
        this.seed = seed;
    }

    /**
     * Returns the run's manager; the parameters live in it, on the run's device.
     *
     * @return the manager
     */
    public NDManager getManager() {
        return manager;
    }

    /**
     * Returns the engine of the run's manager.
     *
     * @return the engine
     */
    public Engine getEngine() {
        return manager.getEngine();
    }

    /**
     * Returns the parameter store to pass to {@code Block.forward}.
     *
     * @return the parameter store
     */
    public ParameterStore getParameterStore() {
        return parameterStore;
    }

    /**
     * Returns the stable names of the run's parameters.
     *
     * @return the parameter index
     */
    public ParameterIndex getParameterIndex() {
        return parameterIndex;
    }

    /**
     * Returns the run's seed.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns the index of the running stage in the schedule.
     *
     * @return the stage index
     */
    public int getStageIndex() {
        return stageIndex;
    }

    /**
     * Returns how many steps the running stage has completed.
     *
     * @return the stage step
     */
    public long getStageStep() {
        return stageStep;
    }

    /**
     * Returns how many steps the run has completed over all stages.
     *
     * @return the global step
     */
    public long getGlobalStep() {
        return globalStep;
    }

    /**
     * Returns a random source determined by the seed and the global step only, so a resumed run
     * draws the same numbers for the same step as an uninterrupted one.
     *
     * @return a new random source for the current step
     */
    public Random stepRandom() {
        return new Random(mix(seed, globalStep));
    }

    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    void setPosition(int stageIndex, long stageStep, long globalStep) {
        this.stageIndex = stageIndex;
        this.stageStep = stageStep;
        this.globalStep = globalStep;
    }
}
