package dev.facesr.models.zoo;

import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.facesr.metrics.image.MatlabResize;

/**
 * Translator of the SR zoo models: a square RGB crop of {@code inputSize} pixels in, a square
 * crop of {@code outputSize} pixels out.
 *
 * <p>Input: the image becomes a float32 CHW tensor in [0, 1] (values / 255). For the
 * cross-domain model ({@code upsampleFirst}) it is then resized to {@code outputSize} with {@link
 * MatlabResize} (MATLAB bicubic, float path: no rounding). Output: clipped to [0, 1], rounded to
 * 8 bits, returned as an {@link Image} of DJL's configured {@code ImageFactory}. Batching
 * stacks the inputs (DJL's default {@code Batchifier.STACK}). All arrays are made in the per-call
 * manager of the {@link TranslatorContext}, so a predictor's native memory does not grow between
 * calls. The translator holds no state and may be shared.
 */
public final class SuperResolutionTranslator implements Translator<Image, Image> {

    private final String modelName;
    private final int inputSize;
    private final int outputSize;
    private final boolean upsampleFirst;

    /**
     * Creates a translator.
     *
     * @param modelName the model name, for messages
     * @param inputSize the side of the LR crops
     * @param outputSize the side of the SR crops
     * @param upsampleFirst whether to resize the input to the output grid (cross-domain model)
     */
    public SuperResolutionTranslator(
            String modelName, int inputSize, int outputSize, boolean upsampleFirst) {
        this.modelName = modelName;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.upsampleFirst = upsampleFirst;
    }

    /**
     * Creates the translator a card calls for.
     *
     * @param card a super-resolution model card
     * @return its translator
     */
    public static SuperResolutionTranslator forCard(ModelCard card) {
        return new SuperResolutionTranslator(card.name(), card.inputSize(), card.outputSize(),
                Architectures.upsamplesInput(card.architecture(), card.arguments()));
    }

    /** {@inheritDoc} */
    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        checkSize(modelName, input, inputSize);
        NDArray x = input.toNDArray(ctx.getNDManager(), Image.Flag.COLOR)
                .transpose(2, 0, 1)
                .toType(DataType.FLOAT32, false)
                .div(255f);
        if (upsampleFirst) {
            x = MatlabResize.resize(x, outputSize, outputSize);
        }
        return new NDList(x);
    }

    /** {@inheritDoc} */
    @Override
    public Image processOutput(TranslatorContext ctx, NDList list) {
        NDArray chw = list.get(0);
        NDArray hwc = chw.clip(0f, 1f).mul(255f).add(0.5f).floor()
                .toType(DataType.UINT8, false)
                .transpose(1, 2, 0);
        return ImageFactory.getInstance().fromNDArray(hwc);
    }

    /**
     * Checks that an image is a square crop of the expected side.
     *
     * @param modelName the model, for the message
     * @param image the image
     * @param size the expected side
     * @throws IllegalArgumentException naming the size received and the size expected
     */
    static void checkSize(String modelName, Image image, int size) {
        if (image == null) {
            throw new IllegalArgumentException("Model '" + modelName + "' got a null image");
        }
        if (image.getWidth() != size || image.getHeight() != size) {
            throw new IllegalArgumentException(
                    "Model '" + modelName + "' takes " + size + "x" + size + " crops, got "
                            + image.getWidth() + "x" + image.getHeight()
                            + "; crop and resize the aligned face to " + size + "x" + size
                            + " first");
        }
    }
}
