package dev.facesr.models.zoo;

import ai.djl.ndarray.types.DataType;
import dev.facesr.core.nn.ParameterPrecision;
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
        return export(block, card, modelDir, DataType.FLOAT32);
    }

    /**
     * Saves an initialised block and its card, storing the weights as float32 or float16. With
     * float16 the file is half the size; the zoo converts the values back to float32 at load, so
     * the model computes as before on values rounded to 11 significant bits (measure the exported
     * model: {@code ExportSrModel} and the quality report do).
     *
     * @param block the trained (initialised) block; its parameters are unchanged on return
     * @param card the card's descriptive fields
     * @param modelDir the model directory
     * @param storage FLOAT32 or FLOAT16
     * @return the card as written
     * @throws IOException when the directory or files cannot be written
     * @throws IllegalArgumentException when the block is not a zoo architecture, the card is
     *     incomplete or the storage type is another one
     * @throws IllegalStateException when the block has not been initialised
     */
    public static ModelCard export(RebuildableBlock block, ModelCard.Builder card, Path modelDir, DataType storage)
            throws IOException {
        if (storage != DataType.FLOAT32 && storage != DataType.FLOAT16) {
            throw new IllegalArgumentException("Weights are stored as FLOAT32 or FLOAT16, not " + storage);
        }
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
            ParameterPrecision.runAs(block, storage, () -> model.save(modelDir, draft.name()));
        }
        ModelCard done =
                draft.toBuilder()
                        .optWeights(file, Files.size(weights), ModelCards.sha256(weights))
                        .optWeightsDataType(storage == DataType.FLOAT16 ? ModelCard.FLOAT16 : ModelCard.FLOAT32)
                        .build();
        ModelCards.write(done, modelDir.resolve(ModelCard.FILE_NAME));
        return done;
    }
}
