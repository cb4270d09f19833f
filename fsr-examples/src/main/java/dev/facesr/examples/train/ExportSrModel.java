package dev.facesr.examples.train;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.train.checkpoint.CheckpointState;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import dev.facesr.examples.report.FaceSet;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.models.sr.ShippedSrModels;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelExporter;
import dev.facesr.models.zoo.ZooFaceUpscaler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports a {@link TrainSuperResolution} checkpoint into the model-zoo layout (weights, SHA-256
 * and model card) and measures the exported model through the zoo, as a user would load it:
 * Y-PSNR/Y-SSIM on the first {@code --val-faces} CelebA val faces (FSRNet framing) and, for 8x,
 * on FSRNet's CelebA-1000 and Helen-50 (LR made from the ground truth with MATLAB bicubic, 8-bit;
 * SR output 8-bit). The figures go into the card. The test sets are only measured, never used
 * to pick a checkpoint: the checkpoint is simply the run's latest.
 */
@Command(name = "export-sr", mixinStandardHelpOptions = true,
        description = "Exports a trained SR checkpoint into the model zoo and measures it.")
public final class ExportSrModel implements Callable<Integer> {

    @Mixin
    ExportOptions export = new ExportOptions();

    @Option(names = "--model", defaultValue = "fsr-x8")
    String model;

    @Option(names = "--run", required = true, description = "the trainer's run folder (its latest valid checkpoint is used)")
    Path run;

    @Option(names = "--out", required = true, description = "the model directory to write, e.g. fsr-models/src/main/resources/dev/facesr/models/fsr-x8")
    Path out;


    @Option(names = "--recipe", description = "how the run was trained, for the card (default: the trainer's"
            + " defaults: L1, batch 16, Adam lr 2e-4 cosine to 2e-6)")
    String recipe;

    @Option(names = "--residual-blocks", description = "the body depth the run trained with (TrainSuperResolution"
            + " --residual-blocks; default: the preset's)")
    Integer residualBlocks;

    @Option(names = "--aspect-range", split = ",", defaultValue = "0.9,1.1",
            description = "the run's --aspect-range, for the card (default ${DEFAULT-VALUE})")
    double[] aspectRange;





    @Override
    public Integer call() throws Exception {
        ShippedSrModels arch = ShippedSrModels.byName(model);
        Path root = export.datasetsRoot();
        Path checkpoint = new CheckpointStore(run.resolve("checkpoints"), 2).latestValid()
                .orElseThrow(() -> new IllegalArgumentException("No valid checkpoint in " + run.resolve("checkpoints")));
        int lrSize = 128 / arch.scale();
        try (NDManager manager = NDManager.newBaseManager()) {
            RebuildableBlock generator = residualBlocks == null ? arch.newNetwork() : arch.newNetwork(residualBlocks);
            generator.initialize(manager, DataType.FLOAT32, new Shape(1, 3, lrSize, lrSize));
            // parameters only: the optimizer state in the checkpoint is not needed for export
            CheckpointState state = CheckpointStore.restoreParameters(checkpoint, Map.of("generator", generator));
            long steps = state.globalStep();
            System.out.printf("%s: checkpoint %s (step %d)%n", model, checkpoint.getFileName(), steps);
            ModelCard.Builder card = ModelCard.builder()
                    .setName(model)
                    .optVersion(export.version)
                    .optDescription(arch.description())
                    .setSizes(lrSize, 128)
                    .optTrainingData("celeba/train (15,016 aligned CelebA faces, ../shared/datasets)",
                            "CropPolicy.FSRNET_CELEBA_128 (x 19.5-157.3, y 57.6-204.9 -> 128x128) with"
                                    + " FaceAugmentation.faceSr(" + aspectRange[0] + ", " + aspectRange[1]
                                    + ") (flip, roll +-15 deg, aspect " + aspectRange[0] + "-" + aspectRange[1]
                                    + ", scale +-5%)")
                    .optDegradation("BicubicResize.shrinkBy(" + arch.scale() + "): MATLAB imresize bicubic,"
                            + " antialiased, 8-bit")
                    .optTraining((recipe != null ? recipe : "dev.facesr.examples.train.TrainSuperResolution --model " + model
                            + " (L1, batch 16, StatefulAdam lr 2e-4 cosine to 2e-6 over the planned steps)")
                            + "; exported from checkpoint at step " + steps, steps, export.seed, export.commit);
            ModelExporter.export(generator, card, out, export.weights.storage());
            Map<String, Double> metrics = measure(out, root, arch.scale());
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                card.addMetric(e.getKey(), e.getValue());
                System.out.printf("  %-28s %.4f%n", e.getKey(), e.getValue());
            }
            ModelExporter.export(generator, card, out, export.weights.storage());
        }
        return 0;
    }

    private Map<String, Double> measure(Path modelDir, Path root, int scale) throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        try (ZooFaceUpscaler upscaler = FsrModelZoo.upscaler(modelDir)) {
            measureSet(m, upscaler, FaceSet.celebaValidation(root, export.valFaces), "celeba-val-" + export.valFaces, scale);
            if (scale == 8) {
                measureSet(m, upscaler, FaceSet.fsrnetTest(root, "celeba-1000", export.testFaces), "celeba-1000", scale);
                measureSet(m, upscaler, FaceSet.fsrnetTest(root, "helen-50", export.testFaces), "helen-50", scale);
            }
        }
        return m;
    }

    /**
     * Measures Y-PSNR/Y-SSIM (8-bit, no border crop) of a zoo model on a face set: LR made from
     * each ground truth with 8-bit MATLAB bicubic at {@code 1/scale}.
     */
    static void measureSet(Map<String, Double> out, ZooFaceUpscaler upscaler, FaceSet set,
            String key, double scale) {
        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).build();
        Ssim ssim = Ssim.builder().optChannels(ChannelMode.Y).build();
        BufferedImageFactory factory = new BufferedImageFactory();
        double p = 0;
        double s = 0;
        int n = set.faces().size();
        for (int start = 0; start < n; start += 32) {
            List<FloatImage> hr = set.faces().subList(start, Math.min(n, start + 32));
            List<Image> lr = new ArrayList<>();
            for (FloatImage h : hr) {
                lr.add(factory.fromImage(ImageConversions.toBufferedImage(
                        MatlabResize.resizeAsUint8(h, 1.0 / scale))));
            }
            List<Image> sr = upscaler.upscale(lr);
            for (int i = 0; i < hr.size(); i++) {
                FloatImage srImage = ImageConversions.fromDjlImage(sr.get(i));
                p += psnr.compute(srImage, hr.get(i));
                s += ssim.compute(srImage, hr.get(i));
            }
        }
        out.put(key + ".psnr-y", p / n);
        out.put(key + ".ssim-y", s / n);
    }

    /**
     * Runs the export.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportSrModel()).execute(args));
    }
}
