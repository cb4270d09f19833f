package dev.facesr.models.zoo;

import ai.djl.Model;
import dev.facesr.core.nn.RebuildableBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a trained block into the zoo layout: a model directory holding the weights in DJL's
 * {@code .params} format ({@code <name>-0000.params}, written by {@link Model#save}) and a
 * {@code model-card.json} whose architecture, arguments, weights size and SHA-256 are filled in
 * from the block and the written file.
 *
 * <pre>{@code
 * ModelCard card = ModelExporter.export(
 *         trainedBlock,                       // CrossDomainSr, FastSr or LandmarkHourglass
 *         ModelCard.builder()
 *                 .setName("fsr-x8")
 *                 .setSizes(16, 128)
 *                 .optTrainingData("celeba/train", "5-point aligned 128x128")
 *                 .optDegradation("matlab-bicubic x1/8")
 *                 .optTraining("configs/fsr-x8.yaml", 100_000, 42, gitCommit)
 *                 .addMetric("celeba-val.psnr-y", 25.1),
 *         Path.of("fsr-models/src/main/resources/dev/facesr/models/fsr-x8"));
 * }</pre>
 *
 * <p>For a classpath model the directory must be {@code dev/facesr/models/<name>/} on the
 * classpath; a user's own model may live in any directory and is loaded with {@link
 * FsrModelZoo#loadSuperResolution(Path)} or {@link FsrModelZoo#loadLandmarks(Path)}.
 */
public final class ModelExporter {

    private ModelExporter() {}

    /**
     * Saves an initialised block and its card into a model directory (created if needed; an
     * existing weights file and card of the same name are replaced).
     *
     * @param block the trained (initialised) block
     * @param card the card's descriptive fields: name, sizes, training, metrics; the
     *     architecture, arguments and weights fields are set here
     * @param modelDir the model directory
     * @return the card as written
     * @throws IOException when the directory or files cannot be written
     * @throws IllegalArgumentException when the block is not a zoo architecture or the card is
     *     incomplete
     * @throws IllegalStateException when the block has not been initialised
     */
    public static ModelCard export(RebuildableBlock block, ModelCard.Builder card, Path modelDir)
            throws IOException {
        if (block == null || card == null || modelDir == null) {
            throw new IllegalArgumentException("ModelExporter.export needs a block, a card and a"
                    + " directory");
        }
        if (!block.isInitialized()) {
            throw new IllegalStateException(
                    "ModelExporter: the block has no parameters yet; initialise or train it"
                            + " before exporting");
        }
        ModelCard draft =
                card.setArchitecture(Architectures.nameOf(block), block.arguments())
                        .optWeights(null, 0, null)
                        .build();
        String file = ModelCard.weightsFileName(draft.name());
        Files.createDirectories(modelDir);
        Path weights = modelDir.resolve(file);
        Files.deleteIfExists(weights);
        // Model.save writes DJL's .params format (header + block.saveParameters); epoch 0 names
        // the file <name>-0000.params. Closing the model frees only its own manager, not the
        // block's parameters.
        try (Model model = Model.newInstance(draft.name())) {
            model.setBlock(block);
            model.setProperty("Epoch", "0");
            model.save(modelDir, draft.name());
        }
        ModelCard done =
                draft.toBuilder()
                        .optWeights(file, Files.size(weights), ModelCards.sha256(weights))
                        .build();
        ModelCards.write(done, modelDir.resolve(ModelCard.FILE_NAME));
        return done;
    }
}
