package dev.facesr.examples.report;

import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Report models from the model zoo on the classpath: every shipped super-resolution model that
 * has trained weights (untrained cards are not listed). Registered for {@link
 * java.util.ServiceLoader}, so {@code ./fsr report} finds them by name.
 */
public final class ZooReportModelResolver implements ReportModelResolver {

    private final FsrModelZoo zoo = FsrModelZoo.classpath();

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
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
    public ReportModel open(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("No trained zoo model '" + name + "'; trained: " + names());
        }
        try {
            ModelCard card = zoo.card(name);
            return new FaceUpscalerModel(zoo.upscaler(name), card.description(), true);
        } catch (IOException | ai.djl.MalformedModelException
                | ai.djl.repository.zoo.ModelNotFoundException e) {
            throw new IllegalStateException("Zoo model '" + name + "' could not be loaded: " + e.getMessage(), e);
        }
    }
}
