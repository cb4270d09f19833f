package dev.facesr.models.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.ZooModel;
import dev.facesr.core.pipeline.FaceEmbedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link FaceEmbedder} over an identity zoo model (e.g. {@code identity}, the 128x128 teacher, or
 * {@code identity-lr16}, its 16x16 student that embeds into the same space): RGB face crops in,
 * unit-length embeddings of {@link #dimension()} values out, compared by cosine (the dot
 * product). A crop of another size is resized to {@link #inputSize()} with MATLAB-style bicubic
 * ({@link IdentityTranslator}).
 *
 * <p>Each call creates its own DJL {@code Predictor} (predictors are not thread-safe) and closes
 * it at the end; the predictor's per-call manager holds every intermediate array, so native
 * memory does not grow across calls. Crops are run in batches of at most {@link #maxBatch()}
 * (default 32). Safe to call from many threads at once. Closing the embedder closes the model.
 */
public final class ZooFaceEmbedder implements FaceEmbedder {

    /** The default largest batch per forward pass. */
    public static final int DEFAULT_MAX_BATCH = 32;

    private final ModelCard card;
    private final ZooModel<Image, float[]> model;
    private final int maxBatch;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wraps a loaded identity model.
     *
     * @param card the model's card (name, input size, embedding dimension)
     * @param model the loaded model with its {@link IdentityTranslator}; closed by {@link
     *     #close()}
     */
    public ZooFaceEmbedder(ModelCard card, ZooModel<Image, float[]> model) {
        this(card, model, DEFAULT_MAX_BATCH);
    }

    /**
     * Wraps a loaded identity model with a batch limit.
     *
     * @param card the model's card
     * @param model the loaded model with its {@link IdentityTranslator}; closed by {@link
     *     #close()}
     * @param maxBatch the largest number of crops per forward pass, at least 1
     */
    public ZooFaceEmbedder(ModelCard card, ZooModel<Image, float[]> model, int maxBatch) {
        if (card == null || model == null) {
            throw new IllegalArgumentException("ZooFaceEmbedder needs a card and a model");
        }
        if (card.kind() != ModelKind.IDENTITY) {
            throw new IllegalArgumentException("Model '" + card.name() + "' is a " + card.kind()
                    + " model, not an identity model; open it with the matching FsrModelZoo method");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.card = card;
        this.model = model;
        this.maxBatch = maxBatch;
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
     * Returns the model name.
     *
     * @return e.g. {@code identity}
     */
    public String name() {
        return card.name();
    }

    /**
     * Returns what a gallery should record as this embedder's model: name, version and the first
     * 16 hex digits of the weights' SHA-256, so a gallery enrolled with other weights of the same
     * model (a retrained {@code identity}) is rejected instead of matched against incomparable
     * embeddings. Pass it to {@code FaceRecognizer.Builder.setEmbedder(embedder, modelId)}.
     *
     * @return e.g. {@code identity 0.1.1 sha256:3f5a0c...}
     */
    public String modelId() {
        return card.name() + " " + card.version() + " sha256:" + card.sha256().substring(0, 16);
    }

    /**
     * Returns the side of the square crops the network takes; other sizes are resized to it.
     *
     * @return the input side in pixels
     */
    public int inputSize() {
        return card.inputSize();
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
    public int dimension() {
        return card.outputSize();
    }

    /**
     * Embeds one face crop.
     *
     * @param crop an RGB face crop (resized to {@link #inputSize()} if needed)
     * @return a unit-length embedding of {@link #dimension()} values
     * @throws IllegalArgumentException when the crop is null
     * @throws IllegalStateException when the embedder is closed or the model fails
     */
    @Override
    public float[] embed(Image crop) {
        if (crop == null) {
            throw new IllegalArgumentException("Model '" + name() + "' needs a face crop, got null");
        }
        return embed(List.of(crop)).get(0);
    }

    /**
     * Embeds many face crops with one predictor, in batches of at most {@link #maxBatch()}.
     *
     * @param crops RGB face crops (each resized to {@link #inputSize()} if needed)
     * @return one unit-length embedding per crop, in order
     * @throws IllegalArgumentException when the list or a crop is null (naming its index)
     * @throws IllegalStateException when the embedder is closed or the model fails
     */
    public List<float[]> embed(List<Image> crops) {
        if (closed.get()) {
            throw new IllegalStateException("Embedder '" + name() + "' is closed");
        }
        if (crops == null) {
            throw new IllegalArgumentException("embed needs a list of crops, got null");
        }
        for (int i = 0; i < crops.size(); i++) {
            if (crops.get(i) == null) {
                throw new IllegalArgumentException(
                        "Model '" + name() + "' got a null crop at index " + i);
            }
        }
        return BatchedPredictions.predict(model, null, crops, maxBatch, name());
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }
}
