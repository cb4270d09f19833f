package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named parameters of one network, with the gradient chores a training step needs. */
public final class ParameterGroup {

    private final Map<String, Parameter> parameters;

    ParameterGroup(Map<String, Parameter> parameters) {
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Returns all parameters, frozen or not.
     *
     * @return parameters by stable name
     */
    public Map<String, Parameter> all() {
        return parameters;
    }

    /**
     * Returns the parameters that are initialized and not frozen, i.e. the ones an update moves.
     *
     * @return parameters by stable name
     */
    public Map<String, Parameter> trainable() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            if (p.isInitialized() && p.requiresGradient()) {
                out.put(e.getKey(), p);
            }
        }
        return out;
    }

    /** Sets the gradient of every trainable parameter to zero (backward passes accumulate). */
    public void zeroGradients() {
        for (Parameter p : trainable().values()) {
            NDArray array = p.getArray();
            if (array.hasGradient()) {
                try (NDArray grad = array.getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }

    /**
     * Returns the largest absolute gradient value over the trainable parameters (0 when none).
     *
     * @return the maximum absolute gradient
     */
    public float maxAbsGradient() {
        float max = 0f;
        for (Parameter p : trainable().values()) {
            NDArray array = p.getArray();
            if (array.hasGradient()) {
                try (NDArray grad = array.getGradient();
                        NDArray abs = grad.abs();
                        NDArray m = abs.max()) {
                    max = Math.max(max, m.getFloat());
                }
            }
        }
        return max;
    }

    /**
     * Names the trainable parameters whose gradient holds a NaN or an infinity (after a backward
     * pass, before the update that would spread them into the weights).
     *
     * @return stable names, empty when every gradient is finite
     */
    public List<String> nonFiniteGradients() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : trainable().entrySet()) {
            NDArray array = e.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray grad = array.getGradient();
                        NDArray sum = grad.sum()) {
                    // NaN and +-inf survive a sum (an overflow to inf is caught too)
                    if (!Float.isFinite(sum.getFloat())) {
                        out.add(e.getKey());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes exact zeros into the gradients of the named parameters. {@link #zeroGradients()}
     * subtracts a gradient from itself, which leaves NaN and infinities in place; after a step with
     * non-finite gradients this clears them so the next backward pass starts clean. The gradient
     * is changed in place (masked fill, then subtraction): {@code NDArray.set(Buffer)} must not be
     * used on the wrapper {@code getGradient()} returns, because the PyTorch engine then points the
     * gradient's storage at a Java buffer that lives only as long as that temporary wrapper.
     *
     * @param names stable names of trainable parameters
     */
    public void resetGradients(List<String> names) {
        for (String name : names) {
            Parameter p = parameters.get(name);
            if (p != null && p.isInitialized() && p.getArray().hasGradient()) {
                try (NDArray grad = p.getArray().getGradient();
                        NDArray nan = grad.isNaN();
                        NDArray inf = grad.isInfinite();
                        NDArray bad = nan.logicalOr(inf)) {
                    grad.set(bad, 0f);
                    grad.subi(grad);
                }
            }
        }
    }

    /**
     * Copies every parameter's values to the JVM heap (for comparisons in tests and diagnostics).
     *
     * @return values by stable name
     */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (e.getValue().isInitialized()) {
                out.put(e.getKey(), e.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }
}
