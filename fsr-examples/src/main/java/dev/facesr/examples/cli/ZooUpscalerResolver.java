package dev.facesr.examples.cli;

import dev.facesr.models.zoo.TestTimeAugmentation;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.ModelNotFoundException;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Resolves {@code --model NAME} to a trained super-resolution model of the model zoo. */
final class ZooUpscalerResolver implements UpscalerResolver {

    private final FsrModelZoo zoo;

    ZooUpscalerResolver(FsrModelZoo zoo) {
        this.zoo = zoo;
    }

    @Override
    public List<String> available() {
        List<String> names = new ArrayList<>();
        try {
            for (ModelCard card : zoo.listModels()) {
                if (card.hasWeights() && card.kind() == ModelKind.SUPER_RESOLUTION) {
                    names.add(card.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the model zoo could not be listed", e);
        }
        return names;
    }

    @Override
    public FaceUpscaler resolve(String name, Double scale) {
        return resolve(name, scale, TestTimeAugmentation.NONE);
    }

    @Override
    public FaceUpscaler resolve(String name, Double scale, TestTimeAugmentation tta) {
        List<String> known = available();
        if (!known.contains(name)) {
            throw new IllegalArgumentException("No trained SR model named '" + name + "'; available: " + known
                    + ". Or use --model-dir DIR with a model directory or a trained generator folder.");
        }
        try {
            ModelCard card = zoo.card(name);
            if (scale != null && Math.abs(card.scale() - scale) > 1e-9) {
                throw new IllegalArgumentException("Model '" + name + "' upscales by " + card.scale()
                        + ", not by " + scale + "; pick a model for that scale (available: " + known + ")");
            }
            return zoo.upscaler(name, tta);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("Model '" + name + "' could not be loaded: " + e.getMessage(), e);
        }
    }
}
