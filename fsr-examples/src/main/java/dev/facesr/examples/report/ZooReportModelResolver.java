package dev.facesr.examples.report;

import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.zoo.TestTimeAugmentation;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Report models from the model zoo on the classpath: every shipped super-resolution model that
 * has trained weights (untrained cards are not listed), plus the default model run with the flip
 * test-time augmentation, named {@code fsr-x8+flip}. Any trained model opens with the suffix
 * {@value #FLIP_SUFFIX}. Registered for {@link java.util.ServiceLoader}, so {@code ./fsr report}
 * finds them by name.
 */
public final class ZooReportModelResolver implements ReportModelResolver {

    /** The name suffix of a model run with {@link TestTimeAugmentation#FLIP}. */
    public static final String FLIP_SUFFIX = "+flip";

    private final FsrModelZoo zoo = FsrModelZoo.classpath();

    @Override
    public Set<String> names() {
        Set<String> names = trained();
        if (names.contains(FaceSR.Builder.DEFAULT_MODEL)) {
            names.add(FaceSR.Builder.DEFAULT_MODEL + FLIP_SUFFIX);
        }
        return names;
    }

    private Set<String> trained() {
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
        boolean flip = name.endsWith(FLIP_SUFFIX);
        String model = flip ? name.substring(0, name.length() - FLIP_SUFFIX.length()) : name;
        if (!trained().contains(model)) {
            throw new IllegalArgumentException("No trained zoo model '" + model + "'; trained: " + trained()
                    + " (append " + FLIP_SUFFIX + " for the flip test-time augmentation)");
        }
        try {
            ModelCard card = zoo.card(model);
            if (flip) {
                return new FaceUpscalerModel(name, zoo.upscaler(model, TestTimeAugmentation.FLIP),
                        card.description() + "; run with the flip test-time augmentation (twice the compute)", true);
            }
            return new FaceUpscalerModel(zoo.upscaler(model), card.description(), true);
        } catch (IOException | ai.djl.MalformedModelException
                | ai.djl.repository.zoo.ModelNotFoundException e) {
            throw new IllegalStateException("Zoo model '" + name + "' could not be loaded: " + e.getMessage(), e);
        }
    }
}
