package dev.facesr.models.zoo;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a zoo model on a list of inputs with one fresh {@code Predictor} (predictors are not
 * thread-safe, so every call makes and closes its own), in batches of a bounded size.
 */
final class BatchedPredictions {

    private BatchedPredictions() {}

    /**
     * Predicts every input, in order.
     *
     * @param model the loaded model
     * @param translator a translator other than the model's own, or null for the model's
     * @param inputs the inputs (already checked by the caller)
     * @param maxBatch the largest batch per forward pass
     * @param name the model name, for the error message
     * @return one output per input
     * @throws IllegalStateException naming the model when a batch fails
     */
    static <I, O> List<O> predict(ZooModel<I, O> model, Translator<I, O> translator, List<I> inputs,
            int maxBatch, String name) {
        List<O> out = new ArrayList<>(inputs.size());
        if (inputs.isEmpty()) {
            return out;
        }
        try (Predictor<I, O> predictor = translator == null ? model.newPredictor() : model.newPredictor(translator)) {
            for (int from = 0; from < inputs.size(); from += maxBatch) {
                out.addAll(predictor.batchPredict(inputs.subList(from, Math.min(inputs.size(), from + maxBatch))));
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("Model '" + name + "' failed on a batch of " + inputs.size() + " crops: "
                    + e.getMessage(), e);
        }
        return out;
    }
}
