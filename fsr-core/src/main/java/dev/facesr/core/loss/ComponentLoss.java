package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Map;

/**
 * A loss made of named, weighted parts, so training can log each part on its own.
 *
 * <p>The contract: the values of {@link #evaluateComponents} add up to what the loss's
 * {@code evaluate(labels, predictions)} returns for the same inputs. The map keeps a stable
 * iteration order (the order in which the parts were declared).
 */
public interface ComponentLoss {

    /**
     * Computes every named part of the loss, each already multiplied by its weight.
     *
     * @param labels the labels, as passed to {@code evaluate}
     * @param predictions the predictions, as passed to {@code evaluate}
     * @return scalar arrays by component name, in declaration order
     */
    Map<String, NDArray> evaluateComponents(NDList labels, NDList predictions);
}
