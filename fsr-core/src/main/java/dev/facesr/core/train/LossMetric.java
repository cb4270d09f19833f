package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Objects;

/** A validation metric that is a loss's value, e.g. the validation loss. */
public final class LossMetric implements ValidationMetric {

    private final String name;
    private final Loss loss;

    /**
     * Makes a metric named {@code name} from a loss.
     *
     * @param name the figure name, e.g. "loss"
     * @param loss the loss, returning a scalar batch mean
     */
    public LossMetric(String name, Loss loss) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.loss = Objects.requireNonNull(loss, "loss must not be null");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public double evaluate(NDList labels, NDList predictions) {
        NDArray value = loss.evaluate(labels, predictions);
        if (value.size() != 1) {
            throw new IllegalStateException("validation loss '" + name + "' returned shape "
                    + value.getShape() + "; it must return a scalar batch mean");
        }
        return value.getFloat();
    }
}
