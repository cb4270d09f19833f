package dev.facesr.core.loss;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Objects;

/**
 * Feeds a loss the code of its target instead of the target: {@code labels[0]} is run through
 * an encoder (inference mode, result detached) and the wrapped loss gets {@code NDList(code)}
 * with the predictions unchanged. For the cross-domain regressor stage: the network maps the LR
 * image to codes, and the stage-regression loss compares them with {@code encoder(hr)}.
 *
 * <p>The encoder should be frozen in the stage that uses this loss (its parameters are used as
 * they are; no gradient reaches them through the target). The weight is the wrapped loss's.
 */
public final class EncodedTargetLoss extends Loss {

    private final Block encoder;
    private final Loss loss;

    /**
     * Wraps a loss.
     *
     * @param encoder the block that maps a target image batch to its code
     * @param loss the loss that compares predictions with the code
     */
    public EncodedTargetLoss(Block encoder, Loss loss) {
        super(Objects.requireNonNull(loss, "loss must not be null").getName());
        this.encoder = Objects.requireNonNull(encoder, "encoder must not be null");
        this.loss = loss;
    }

    /**
     * Encodes {@code labels[0]} and evaluates the wrapped loss on it.
     *
     * @param labels {@code NDList(target)} (further entries are ignored)
     * @param predictions the predictions, passed on unchanged
     * @return the wrapped loss's value
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray target = LossInputs.entry(getName(), labels, "labels (target)", 0);
        ParameterStore store = new ParameterStore(target.getManager(), false);
        NDList code = encoder.forward(store, new NDList(target), false);
        NDList detached = new NDList(code.size());
        for (NDArray c : code) {
            detached.add(c.stopGradient());
        }
        return loss.evaluate(detached, predictions);
    }
}
