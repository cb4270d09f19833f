package dev.facesr.core.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/** Delegates updates to a DJL {@link Optimizer}; saves only the step count. */
final class DjlOptimizerAdapter implements ParameterOptimizer {

    private static final int MAGIC = 0x444A4C31; // "DJL1"
    private final Optimizer optimizer;
    private long steps;

    DjlOptimizerAdapter(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer must not be null");
    }

    @Override
    public void step(Map<String, Parameter> parameters) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray weight = e.getValue().getArray();
            try (NDArray grad = weight.getGradient()) {
                optimizer.update(e.getKey(), weight, grad);
            }
        }
        steps++;
    }

    @Override
    public long getStepCount() {
        return steps;
    }

    @Override
    public boolean isStateRestorable() {
        return false;
    }

    @Override
    public void saveState(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(steps);
    }

    @Override
    public void loadState(DataInputStream in, NDManager manager) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a DJL-optimizer state: the checkpoint was written with a"
                    + " different optimizer for this stage; use the same optimizer type to resume");
        }
        steps = in.readLong();
    }

    @Override
    public void close() {
        // DJL optimizers hold no closable resources of their own.
    }
}
