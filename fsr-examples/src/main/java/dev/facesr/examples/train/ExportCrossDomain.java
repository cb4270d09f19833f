package dev.facesr.examples.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facesr.core.train.checkpoint.CheckpointState;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import dev.facesr.examples.report.FaceSet;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelExporter;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports a {@link TrainCrossDomain} run (its latest valid checkpoint) into the model-zoo layout
 * and measures the exported model through the zoo, as a user loads it: Y-PSNR/Y-SSIM on the first
 * {@code --val-faces} CelebA val faces at 4x, 6.4x and 8x (one model, LR made with 8-bit MATLAB
 * bicubic, enlarged to 128 by the zoo's translator) and at 8x on FSRNet's CelebA-1000 and
 * Helen-50. The figures go into the card. The card's nominal input is 16 (8x); the zoo's
 * {@code ZooFaceUpscaler} takes any input side up to 128.
 */
@Command(name = "export-cross-domain", mixinStandardHelpOptions = true,
        description = "Exports a cross-domain training run into the model zoo and measures it.")
public final class ExportCrossDomain implements Callable<Integer> {

    @Mixin
    ExportOptions export = new ExportOptions();

    @Option(names = "--run", required = true, description = "the TrainCrossDomain run folder")
    Path run;

    @Option(names = "--name", defaultValue = "cross-domain", description = "the zoo name")
    String name;

    @Option(names = "--out", required = true, description = "the model directory to write")
    Path out;

    @Option(names = "--recipe", required = true, description = "how the run was trained, for the card")
    String recipe;

    @Option(names = "--description", description = "the card's one-line description")
    String description;

    @Override
    public Integer call() throws Exception {
        Path root = export.datasetsRoot();
        Path checkpoint = new CheckpointStore(run.resolve("checkpoints"), 2).latestValid()
                .orElseThrow(() -> new IllegalArgumentException("No valid checkpoint in " + run.resolve("checkpoints")));
        Path modelJson = run.resolve("model.json");
        if (!Files.isRegularFile(modelJson)) {
            throw new IllegalArgumentException("No " + modelJson + ": is " + run + " a TrainCrossDomain run folder?");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = new ObjectMapper().readValue(modelJson.toFile(), Map.class);
        try (NDManager manager = NDManager.newBaseManager()) {
            CrossDomainSr model = CrossDomainSr.builder().fromArguments(arguments).build();
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 128, 128));
            // the generator only: the GAN stage's discriminator and the optimizer states are skipped
            CheckpointState state = CheckpointStore.restoreParameters(checkpoint, Map.of("generator", model));
            long steps = state.globalStep();
            System.out.printf("%s: checkpoint %s (step %d)%n", name, checkpoint.getFileName(), steps);
            ModelCard.Builder card = ModelCard.builder()
                    .setName(name)
                    .optVersion(export.version)
                    .optDescription(description != null ? description
                            : "Cross-domain face SR for any scale onto 128x128 (trained on 4x and 8x; 16 -> 128"
                                    + " nominal, any square input up to 128); the LR face is resized to 128 with"
                                    + " MATLAB bicubic first")
                    .setSizes(16, 128)
                    .optTrainingData("celeba/train (15,016 aligned CelebA faces, ../shared/datasets)",
                            "CropPolicy.FSRNET_CELEBA_128 with FaceAugmentation.faceSr() (flip, roll +-15 deg,"
                                    + " aspect +-10%, scale +-5%)")
                    .optDegradation("per face one of BicubicResize.shrinkBy(4 or 8) (MATLAB bicubic, 8-bit), then"
                            + " BicubicResize.toSize(128, 128) without rounding")
                    .optTraining(recipe + "; exported from checkpoint at step " + steps, steps, export.seed, export.commit);
            ModelExporter.export(model, card, out, export.weights.storage());
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (ZooFaceUpscaler upscaler = FsrModelZoo.upscaler(out)) {
                FaceSet val = FaceSet.celebaValidation(root, export.valFaces);
                for (double scale : new double[] {4, 6.4, 8}) {
                    ExportSrModel.measureSet(metrics, upscaler, val,
                            "celeba-val-" + export.valFaces + "-x" + (scale == 6.4 ? "6.4" : String.valueOf((int) scale)), scale);
                }
                ExportSrModel.measureSet(metrics, upscaler, FaceSet.fsrnetTest(root, "celeba-1000", export.testFaces),
                        "celeba-1000", 8);
                ExportSrModel.measureSet(metrics, upscaler, FaceSet.fsrnetTest(root, "helen-50", export.testFaces),
                        "helen-50", 8);
            }
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                card.addMetric(e.getKey(), e.getValue());
                System.out.printf("  %-32s %.4f%n", e.getKey(), e.getValue());
            }
            ModelExporter.export(model, card, out, export.weights.storage());
        }
        return 0;
    }

    /**
     * Runs the export.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportCrossDomain()).execute(args));
    }
}
