package dev.facesr.core.train.optim;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Updates parameters from the gradients the last backward pass left on them.
 *
 * <p>Parameters are given by a stable name (the training engine uses {@code block/path}), so the
 * optimizer state can be saved in a checkpoint and matched again after a restart. The caller
 * passes only the parameters that should move; frozen ones are filtered out before.
 */
public interface ParameterOptimizer extends AutoCloseable {

    /**
     * Performs one update of every given parameter with its current gradient.
     *
     * @param parameters the parameters to update, by stable name
     */
    void step(Map<String, Parameter> parameters);

    /**
     * Returns how many times {@link #step} was called (restored from a checkpoint on resume).
     *
     * @return the number of steps taken
     */
    long getStepCount();

    /**
     * Returns the learning rate the next {@link #step} will use, for logging.
     *
     * @return the learning rate, or NaN when the optimizer does not expose it
     */
    default double getLearningRate() {
        return Double.NaN;
    }

    /**
     * Tells whether {@link #saveState}/{@link #loadState} keep the full optimizer state.
     *
     * @return true if a restored optimizer continues exactly as the saved one would have
     */
    boolean isStateRestorable();

    /**
     * Writes the optimizer state (step count, moments).
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    void saveState(DataOutputStream out) throws IOException;

    /**
     * Reads a state written by {@link #saveState}, replacing the current one.
     *
     * @param in where to read from
     * @param manager the manager (and so the device) the state arrays are created in
     * @throws IOException if reading fails or the data is not a state of this optimizer
     */
    void loadState(DataInputStream in, NDManager manager) throws IOException;

    /** Frees the state arrays. */
    @Override
    void close();

    /**
     * Wraps a DJL optimizer. Its learning-rate tracker and update rule are DJL's own; its
     * internal state (e.g. Adam's moments, kept in private maps) is NOT saved in checkpoints: a
     * resumed run restarts those moments from zero. Use {@link StatefulAdam} when that matters.
     *
     * @param optimizer the DJL optimizer
     * @return an optimizer that delegates each update to {@code optimizer}
     */
    static ParameterOptimizer ofDjl(Optimizer optimizer) {
        return new DjlOptimizerAdapter(optimizer);
    }
}
