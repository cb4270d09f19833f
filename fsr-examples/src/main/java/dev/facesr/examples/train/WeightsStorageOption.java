package dev.facesr.examples.train;

import ai.djl.ndarray.types.DataType;
import dev.facesr.models.zoo.ModelCard;
import picocli.CommandLine.Option;

/**
 * The exporters' {@code --weights-dtype} option (a picocli {@code @Mixin}): store the weights as
 * float32 or as float16 (half the file; the zoo computes in float32 after loading).
 */
public final class WeightsStorageOption {

    @Option(names = "--weights-dtype", defaultValue = ModelCard.FLOAT32,
            description = "float32 or float16 (half the file size; measured through the zoo like float32)"
                    + " (default: ${DEFAULT-VALUE})")
    String dtype = ModelCard.FLOAT32;

    /**
     * The storage type asked for.
     *
     * @return FLOAT32 or FLOAT16
     * @throws IllegalArgumentException for another value
     */
    public DataType storage() {
        if (ModelCard.FLOAT16.equals(dtype)) {
            return DataType.FLOAT16;
        }
        if (ModelCard.FLOAT32.equals(dtype)) {
            return DataType.FLOAT32;
        }
        throw new IllegalArgumentException("--weights-dtype takes " + ModelCard.FLOAT32 + " or " + ModelCard.FLOAT16
                + ", got " + dtype);
    }
}
