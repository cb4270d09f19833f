package dev.facesr.core.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) whose whole state can be saved and restored: the step count, and per
 * parameter its own update count and first and second moments.
 *
 * <p>Update for a parameter updated for the {@code t}-th time, with learning rate
 * {@code lr = tracker.getNewValue(stepCount)}: {@code m = b1 m + (1-b1) g},
 * {@code v = b2 v + (1-b2) g^2}, {@code w -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}
 * and, with decoupled weight decay {@code wd} (AdamW), {@code w -= lr * wd * w} before that.
 * The moments live on the device of the parameters.
 */
public final class StatefulAdam implements ParameterOptimizer {

    private static final int MAGIC = 0x4144414D; // "ADAM"
    private final Tracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final Map<String, Moments> moments = new LinkedHashMap<>();
    private NDManager stateManager;
    private long steps;

    private StatefulAdam(Builder builder) {
        this.learningRate = builder.learningRate;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        this.weightDecay = builder.weightDecay;
    }

    /**
     * Starts a builder (defaults: lr 1e-3 fixed, betas 0.9/0.999, eps 1e-8, no weight decay).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void step(Map<String, Parameter> parameters) {
        float lr = learningRate.getNewValue((int) Math.min(steps, Integer.MAX_VALUE));
        if (!Float.isFinite(lr) || lr < 0) {
            throw new IllegalStateException("learning-rate tracker returned " + lr + " at step "
                    + steps + "; check the schedule's settings");
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            update(e.getKey(), e.getValue().getArray(), lr);
        }
        steps++;
    }

    private void update(String name, NDArray weight, float lr) {
        if (stateManager == null) {
            stateManager = weight.getManager().newSubManager();
        }
        Moments mo = moments.get(name);
        if (mo == null || !mo.m.getShape().equals(weight.getShape())) {
            if (mo != null) {
                mo.close();
            }
            mo = new Moments(stateManager.zeros(weight.getShape(), weight.getDataType()),
                    stateManager.zeros(weight.getShape(), weight.getDataType()), 0);
            moments.put(name, mo);
        }
        mo.count++;
        try (NDArray grad = weight.getGradient()) {
            mo.m.muli(beta1);
            try (NDArray scaled = grad.mul(1f - beta1)) {
                mo.m.addi(scaled);
            }
            mo.v.muli(beta2);
            try (NDArray sq = grad.square()) {
                sq.muli(1f - beta2);
                mo.v.addi(sq);
            }
        }
        double corr1 = 1.0 - Math.pow(beta1, mo.count);
        double corr2 = 1.0 - Math.pow(beta2, mo.count);
        if (weightDecay > 0f) {
            try (NDArray decay = weight.mul(lr * weightDecay)) {
                weight.subi(decay);
            }
        }
        try (NDArray vHat = mo.v.div((float) corr2);
                NDArray denom = vHat.sqrt()) {
            denom.addi(epsilon);
            try (NDArray step = mo.m.div(denom)) {
                step.muli((float) (lr / corr1));
                weight.subi(step);
            }
        }
    }

    @Override
    public long getStepCount() {
        return steps;
    }

    @Override
    public double getLearningRate() {
        return learningRate.getNewValue((int) Math.min(steps, Integer.MAX_VALUE));
    }

    @Override
    public boolean isStateRestorable() {
        return true;
    }

    /**
     * Returns the number of parameters with moments (for tests and diagnostics).
     *
     * @return how many parameters this optimizer has state for
     */
    public int getStateSize() {
        return moments.size();
    }

    @Override
    public void saveState(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(steps);
        out.writeInt(moments.size());
        for (Map.Entry<String, Moments> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().count);
            writeArray(out, e.getValue().m);
            writeArray(out, e.getValue().v);
        }
    }

    @Override
    public void loadState(DataInputStream in, NDManager manager) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a StatefulAdam state: the checkpoint was written with a"
                    + " different optimizer for this stage; use the same optimizer type to resume");
        }
        long newSteps = in.readLong();
        int n = in.readInt();
        NDManager newManager = manager.newSubManager();
        Map<String, Moments> loaded = new LinkedHashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long count = in.readLong();
                NDArray m = readArray(in, newManager);
                NDArray v = readArray(in, newManager);
                loaded.put(name, new Moments(m, v, count));
            }
        } catch (IOException | RuntimeException e) {
            newManager.close();
            throw e;
        }
        close();
        stateManager = newManager;
        moments.putAll(loaded);
        steps = newSteps;
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return manager.decode(bytes);
    }

    @Override
    public void close() {
        moments.clear();
        if (stateManager != null) {
            stateManager.close();
            stateManager = null;
        }
    }

    private static final class Moments {
        final NDArray m;
        final NDArray v;
        long count;

        Moments(NDArray m, NDArray v, long count) {
            this.m = m;
            this.v = v;
            this.count = count;
        }

        void close() {
            m.close();
            v.close();
        }
    }

    /** Builder for {@link StatefulAdam}. */
    public static final class Builder {
        private Tracker learningRate = Tracker.fixed(1e-3f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;
        private float weightDecay;

        private Builder() {}

        /**
         * Sets the learning-rate schedule (any DJL tracker: fixed, factor, cosine, warm-up...),
         * called with the optimizer's step count.
         *
         * @param tracker the schedule
         * @return this builder
         */
        public Builder optLearningRate(Tracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        /**
         * Sets a fixed learning rate.
         *
         * @param lr the learning rate, positive
         * @return this builder
         */
        public Builder optLearningRate(float lr) {
            return optLearningRate(Tracker.fixed(lr));
        }

        /**
         * Sets the moment decay rates.
         *
         * @param beta1 first-moment decay in [0, 1)
         * @param beta2 second-moment decay in [0, 1)
         * @return this builder
         */
        public Builder optBetas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets the denominator's epsilon.
         *
         * @param epsilon a small positive number
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Sets decoupled weight decay (AdamW style); 0 disables it.
         *
         * @param weightDecay the decay factor, non-negative
         * @return this builder
         */
        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         * @throws IllegalArgumentException if a setting is out of range
         */
        public StatefulAdam build() {
            if (learningRate == null) {
                throw new IllegalArgumentException("learning rate tracker must not be null");
            }
            if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f)) {
                throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", "
                        + beta2 + "; typical values are 0.9 and 0.999");
            }
            if (!(epsilon > 0f)) {
                throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
            }
            if (!(weightDecay >= 0f)) {
                throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
            }
            return new StatefulAdam(this);
        }
    }
}
