package dev.facesr.models.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.facesr.metrics.image.MatlabResize;

/**
 * Translator of the identity zoo models ({@link dev.facesr.models.identity.IdentityNet}): an RGB
 * face crop in, its unit-length embedding out as {@code float[embeddingSize]}.
 *
 * <p>Input: the image becomes a float32 CHW tensor in [0, 1] (values / 255). A crop that is not
 * {@code inputSize} x {@code inputSize} is resized to that size with {@link MatlabResize} (MATLAB
 * bicubic, antialiased when shrinking, float path) and clipped to [0, 1]; a non-square crop is
 * stretched to the square, as {@code FaceRecognizer} does. The crop should show the face in the
 * framing the model was trained on (the FaceSR template framing, {@code
 * CropPolicy.FSRNET_CELEBA_128}). Output: the network's L2-normalised row. Batching stacks the
 * (resized) inputs; every array is made in the per-call manager of the {@link
 * TranslatorContext}. The translator holds no state and may be shared.
 */
public final class IdentityTranslator implements Translator<Image, float[]> {

    private final String modelName;
    private final int inputSize;
    private final int dimension;

    /**
     * Creates a translator.
     *
     * @param modelName the model name, for messages
     * @param inputSize the side of the square crops the network takes
     * @param dimension the embedding dimension the network returns
     */
    public IdentityTranslator(String modelName, int inputSize, int dimension) {
        if (inputSize < 1 || dimension < 1) {
            throw new IllegalArgumentException("IdentityTranslator for '" + modelName
                    + "' needs a positive input size and dimension, got " + inputSize + " and "
                    + dimension);
        }
        this.modelName = modelName;
        this.inputSize = inputSize;
        this.dimension = dimension;
    }

    /**
     * Creates the translator a card calls for.
     *
     * @param card an identity model card (its output size is the embedding dimension)
     * @return its translator
     * @throws IllegalArgumentException when the card is not an identity model
     */
    public static IdentityTranslator forCard(ModelCard card) {
        if (card.kind() != ModelKind.IDENTITY) {
            throw new IllegalArgumentException("Model '" + card.name() + "' is a " + card.kind()
                    + " model, not an identity model");
        }
        return new IdentityTranslator(card.name(), card.inputSize(), card.outputSize());
    }

    /** {@inheritDoc} */
    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        if (input == null) {
            throw new IllegalArgumentException("Model '" + modelName + "' got a null image");
        }
        NDArray x = input.toNDArray(ctx.getNDManager(), Image.Flag.COLOR)
                .transpose(2, 0, 1)
                .toType(DataType.FLOAT32, false)
                .div(255f);
        if (input.getWidth() != inputSize || input.getHeight() != inputSize) {
            x = MatlabResize.resize(x, inputSize, inputSize).clip(0f, 1f);
        }
        return new NDList(x);
    }

    /** {@inheritDoc} */
    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        float[] e = list.singletonOrThrow().toFloatArray();
        if (e.length != dimension) {
            throw new IllegalStateException("Model '" + modelName + "' returned " + e.length
                    + " values but its card says " + dimension + "-d embeddings; re-export the"
                    + " model");
        }
        return e;
    }
}
