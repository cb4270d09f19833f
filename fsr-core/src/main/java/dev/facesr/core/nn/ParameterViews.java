package dev.facesr.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Keeps the arrays a forward pass derives from a parameter out of the parameter's manager.
 *
 * <p>DJL attaches the result of an operation to the manager of its first operand. A block that
 * computes on a parameter first ({@code weight.reshape(..)}, {@code normalize(weight)}) therefore
 * leaves every intermediate in the manager that holds the parameters, which lives as long as the
 * model: native memory grows by those arrays on every call (a 7,508 x 128 normalised proxy matrix
 * is 3.8 MB per training step). {@link #view} gives a view of the parameter owned by the input's
 * manager instead, so everything computed from it is freed with the call's arrays; gradients
 * still flow to the parameter.
 */
public final class ParameterViews {

    private ParameterViews() {}

    /**
     * A view of a parameter's value, reshaped, owned by the manager of {@code input}.
     *
     * @param parameter the parameter's value (from {@code ParameterStore.getValue})
     * @param input an array of the current call, whose manager should own the view
     * @param shape the view's shape (the parameter's own shape for a plain view)
     * @return the view, attached to {@code input}'s manager
     */
    public static NDArray view(NDArray parameter, NDArray input, Shape shape) {
        NDArray v = parameter.reshape(shape);
        if (v == parameter) {
            throw new IllegalStateException("reshape returned the parameter array itself; cannot detach a view");
        }
        v.attach(input.getManager());
        return v;
    }

    /**
     * A same-shape view of a parameter's value owned by the manager of {@code input}.
     *
     * @param parameter the parameter's value
     * @param input an array of the current call
     * @return the view, attached to {@code input}'s manager
     */
    public static NDArray view(NDArray parameter, NDArray input) {
        return view(parameter, input, parameter.getShape());
    }
}
