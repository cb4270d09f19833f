package dev.facesr.models.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.ZooModel;
import dev.facesr.core.pipeline.FaceUpscaler;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link FaceUpscaler} over an SR zoo model. Each {@link #upscale} call creates its own DJL
 * {@code Predictor} (predictors are not thread-safe) and closes it at the end; the predictor's
 * per-call manager holds every intermediate array, so native memory does not grow across calls.
 * Crops are run in batches of at most {@link #maxBatch()} (default 16) to bound memory. Safe to
 * call from many threads at once; the model runs on its device (the engine's default).
 *
 * <p>A model that enlarges its input to the output grid first (the cross-domain model: {@link
 * #acceptsAnyInputSize()}) serves several scales: {@link #upscale} then takes square crops of any
 * side from 1 to {@link #outputSize()} (all crops of one call the same side), e.g. 32 (4x), 20
 * (6.4x) or 16 (8x) for a 128-pixel output. {@link #inputSize()} stays the card's nominal size,
 * which the FaceSR facade aligns faces to.
 */
public final class ZooFaceUpscaler implements FaceUpscaler {

    /** The default largest batch per forward pass. */
    public static final int DEFAULT_MAX_BATCH = 16;

    private final ModelCard card;
    private final ZooModel<Image, Image> model;
    private final int maxBatch;
    private final boolean anyInputSize;
    private final TestTimeAugmentation tta;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wraps a loaded SR model.
     *
     * @param card the model's card (name and sizes)
     * @param model the loaded model with its {@link SuperResolutionTranslator}; closed by {@link
     *     #close()}
     */
    public ZooFaceUpscaler(ModelCard card, ZooModel<Image, Image> model) {
        this(card, model, DEFAULT_MAX_BATCH, TestTimeAugmentation.NONE);
    }

    /**
     * Wraps an SR model loaded with a test-time augmentation.
     *
     * @param card the model's card (name and sizes)
     * @param model the model, loaded with {@code tta} (e.g. {@link
     *     FsrModelZoo#loadSuperResolution(String, TestTimeAugmentation)}); closed by {@link #close()}
     * @param tta how the model was loaded, reported by {@link #testTimeAugmentation()}
     */
    public ZooFaceUpscaler(ModelCard card, ZooModel<Image, Image> model, TestTimeAugmentation tta) {
        this(card, model, DEFAULT_MAX_BATCH, tta);
    }

    /**
     * Wraps a loaded SR model with a batch limit.
     *
     * @param card the model's card (name and sizes)
     * @param model the loaded model with its {@link SuperResolutionTranslator}
     * @param maxBatch the largest number of crops per forward pass, at least 1
     */
    public ZooFaceUpscaler(ModelCard card, ZooModel<Image, Image> model, int maxBatch) {
        this(card, model, maxBatch, TestTimeAugmentation.NONE);
    }

    private ZooFaceUpscaler(ModelCard card, ZooModel<Image, Image> model, int maxBatch, TestTimeAugmentation tta) {
        if (card == null || model == null || tta == null) {
            throw new IllegalArgumentException("ZooFaceUpscaler needs a card, a model and a test-time augmentation");
        }
        if (card.kind() != ModelKind.SUPER_RESOLUTION) {
            throw new IllegalArgumentException(
                    "Model '" + card.name() + "' is not a super-resolution model");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.card = card;
        this.model = model;
        this.maxBatch = maxBatch;
        this.tta = tta;
        this.anyInputSize = Architectures.upsamplesInput(card.architecture(), card.arguments());
    }

    /**
     * Tells whether this model takes crops of any square size up to {@link #outputSize()} (it
     * resizes them to the output grid first), so one model serves several scales.
     *
     * @return true for the cross-domain model
     */
    public boolean acceptsAnyInputSize() {
        return anyInputSize;
    }

    /**
     * Tells how the network runs: once, or also on the mirrored face ({@link
     * TestTimeAugmentation#FLIP}, twice the compute).
     *
     * @return the test-time augmentation the model was loaded with
     */
    public TestTimeAugmentation testTimeAugmentation() {
        return tta;
    }

    /**
     * Returns the model card.
     *
     * @return the card
     */
    public ModelCard card() {
        return card;
    }

    /**
     * Returns the largest number of crops per forward pass.
     *
     * @return the batch limit
     */
    public int maxBatch() {
        return maxBatch;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return card.name();
    }

    /** {@inheritDoc} */
    @Override
    public int inputSize() {
        return card.inputSize();
    }

    /** {@inheritDoc} */
    @Override
    public int outputSize() {
        return card.outputSize();
    }

    /** {@inheritDoc} */
    @Override
    public List<Image> upscale(List<Image> crops) {
        if (closed.get()) {
            throw new IllegalStateException("Upscaler '" + name() + "' is closed");
        }
        if (crops == null) {
            throw new IllegalArgumentException("upscale needs a list of crops, got null");
        }
        int side = crops.isEmpty() || crops.get(0) == null ? inputSize() : crops.get(0).getWidth();
        if (!anyInputSize || side < 1 || side > outputSize()) {
            side = inputSize();
        }
        for (int i = 0; i < crops.size(); i++) {
            Image c = crops.get(i);
            if (c == null || c.getWidth() != side || c.getHeight() != side) {
                String takes = anyInputSize
                        ? "square crops of one side from 1 to " + outputSize() + " per call (the first is "
                                + side + "x" + side + ")"
                        : inputSize() + "x" + inputSize() + " crops";
                throw new IllegalArgumentException(
                        "Model '" + name() + "' takes " + takes + ", got " + (c == null ? "null"
                                        : c.getWidth() + "x" + c.getHeight())
                                + " at index " + i);
            }
        }
        return BatchedPredictions.predict(model,
                side == inputSize() ? null : new SuperResolutionTranslator(name(), side, outputSize(), true),
                crops, maxBatch, name());
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }
}
