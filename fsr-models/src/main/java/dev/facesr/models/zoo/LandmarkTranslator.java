package dev.facesr.models.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.facesr.models.landmarks.HeatmapDecoder;
import dev.facesr.models.landmarks.LandmarkHourglass;

/**
 * Translator of the landmark zoo models: a square RGB face crop of {@code inputSize} pixels in,
 * the landmarks out as {@code float[P][2]} (x, y) positions in pixels of that crop (pixel-centre
 * convention). The last stack's heatmaps are decoded with a {@link HeatmapDecoder} (stride 4,
 * Gaussian-fit refinement). Batching stacks the inputs; arrays live in the per-call manager. The
 * translator holds no state and may be shared.
 */
public final class LandmarkTranslator implements Translator<Image, float[][]> {

    private final String modelName;
    private final int inputSize;
    private final HeatmapDecoder decoder;

    /**
     * Creates a translator.
     *
     * @param modelName the model name, for messages
     * @param inputSize the side of the face crops
     */
    public LandmarkTranslator(String modelName, int inputSize) {
        this.modelName = modelName;
        this.inputSize = inputSize;
        this.decoder = new HeatmapDecoder(
                LandmarkHourglass.STRIDE, HeatmapDecoder.Refinement.GAUSSIAN_FIT);
    }

    /** {@inheritDoc} */
    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        SuperResolutionTranslator.checkSize(modelName, input, inputSize);
        NDArray x = input.toNDArray(ctx.getNDManager(), Image.Flag.COLOR)
                .transpose(2, 0, 1)
                .toType(DataType.FLOAT32, false)
                .div(255f);
        return new NDList(x);
    }

    /** {@inheritDoc} */
    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray points = decoder.decode(list.get(list.size() - 1));
        float[] flat = points.toFloatArray();
        float[][] out = new float[flat.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[] {flat[2 * i], flat[2 * i + 1]};
        }
        return out;
    }
}
