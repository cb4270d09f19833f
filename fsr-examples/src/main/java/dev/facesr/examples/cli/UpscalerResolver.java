package dev.facesr.examples.cli;

import dev.facesr.models.zoo.TestTimeAugmentation;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.core.pipeline.FaceUpscaler;
import java.util.List;

/**
 * Turns a model name given to {@code fsr upscale --model NAME} into a {@link FaceUpscaler}: the
 * seam where the model zoo plugs into the command line. Until the zoo is part of the build,
 * {@link #defaultResolver()} resolves the trained models of the model zoo; {@code --model-dir DIR}
 * loads a model directory or a trained generator folder instead.
 */
public interface UpscalerResolver {

    /**
     * The names this resolver knows, for help and error messages.
     *
     * @return the model names, possibly empty
     */
    List<String> available();

    /**
     * Opens the upscaler of a named model.
     *
     * @param name the model name
     * @param scale the scale asked for on the command line, or {@code null} for the model's own
     * @return the upscaler; the caller closes it
     * @throws IllegalArgumentException if the name is unknown (the message lists {@link #available()})
     *     or the model does not serve the scale
     */
    FaceUpscaler resolve(String name, Double scale);

    /**
     * Opens the upscaler of a named model, run with a test-time augmentation.
     *
     * @param name the model name
     * @param scale the scale asked for on the command line, or {@code null} for the model's own
     * @param tta how to run the model
     * @return the upscaler; the caller closes it
     * @throws IllegalArgumentException as {@link #resolve(String, Double)}, or when this resolver
     *     cannot run models with {@code tta} (the default for anything but NONE)
     */
    default FaceUpscaler resolve(String name, Double scale, TestTimeAugmentation tta) {
        if (tta == TestTimeAugmentation.NONE) {
            return resolve(name, scale);
        }
        throw new IllegalArgumentException("This model source cannot run '" + name + "' with the "
                + tta.id() + " test-time augmentation");
    }

    /**
     * The resolver {@code fsr upscale} uses: the shipped models of the model zoo that have trained
     * weights.
     *
     * @return the zoo resolver
     */
    static UpscalerResolver defaultResolver() {
        return new ZooUpscalerResolver(FsrModelZoo.classpath());
    }
}
