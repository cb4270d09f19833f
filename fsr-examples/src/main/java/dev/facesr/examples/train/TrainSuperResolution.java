package dev.facesr.examples.train;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.tracker.Tracker;
import dev.facesr.core.data.CelebADataset;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.data.FaceAugmentation;
import dev.facesr.core.data.FacePairDataset;
import dev.facesr.core.degrade.BicubicResize;
import dev.facesr.core.loss.PixelLoss;
import dev.facesr.core.nn.ParameterCounts;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.ZooModel;
import dev.facesr.core.train.DatasetValidator;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.core.nn.RebuildableBlock;
import dev.facesr.models.sr.ShippedSrModels;
import dev.facesr.models.sr.SrGenerators;
import dev.facesr.core.nn.ParameterTransplant;
import dev.facesr.core.nn.role.Generator;
import ai.djl.ndarray.NDManager;
import dev.facesr.core.train.ImageQualityMetric;
import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.optim.StatefulAdam;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.image.ValueRange;
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
 * Trains one of the shipped PSNR-oriented super-resolution models ({@link ShippedSrModels}: fsr-x8, fsr-x4, fast-x8, fast-x4) on
 * aligned CelebA (train split) cropped to the FSRNet test framing, with MATLAB-style bicubic
 * low-resolution inputs, L1 loss, Adam with a cosine schedule, and Y-PSNR/Y-SSIM validation on
 * CelebA val. Resumes from its last checkpoint when run again with the same output folder, so a
 * long run can span several sessions. At the end it writes the generator's parameters and
 * arguments to {@code OUT/final/}.
 *
 * <p>Run: {@code java -cp ... dev.facesr.examples.train.TrainSuperResolution --model fsr-x8
 * --steps 40000 --out runs/fsr-x8}.
 */
@Command(name = "train-sr", mixinStandardHelpOptions = true,
        description = "Trains a shipped super-resolution model on CelebA (resumable).")
public final class TrainSuperResolution implements Callable<Integer> {

    @Mixin
    RunFolderOptions common = new RunFolderOptions();

    @Option(names = "--model", defaultValue = "fsr-x8", description = "fsr-x8, fsr-x4, fast-x8 or fast-x4")
    String model;

    @Option(names = "--steps", defaultValue = "40000", description = "total optimisation steps")
    int steps;

    @Option(names = "--batch", defaultValue = "16")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-4", description = "peak learning rate (cosine to lr/100)")
    float lr;




    @Option(names = "--checkpoint-every", defaultValue = "200")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "2000")
    int validateEvery;

    @Option(names = "--validation-batches", defaultValue = "16", description = "batches of CelebA val per validation")
    int validationBatches;

    @Option(names = "--init-from", description = "a model-zoo directory (e.g. the shipped fsr-x8) whose weights"
            + " start a fresh run (warm start; ignored when the run folder already has a checkpoint)."
            + " With --residual-blocks above its depth, the network is grown: added blocks start as identities")
    Path initFrom;

    @Option(names = "--residual-blocks", description = "body depth of fsr-x8/fsr-x4 (default: the preset's)")
    Integer residualBlocks;

    @Option(names = "--aspect-range", split = ",", defaultValue = "0.9,1.1",
            description = "min,max of the random aspect change of training faces (default ${DEFAULT-VALUE})")
    double[] aspectRange;

    @Override
    public Integer call() throws Exception {
        ShippedSrModels arch = ShippedSrModels.byName(model);
        Path root = common.datasetsRoot();
        Path celeba = root.resolve("celeba");
        if (!Files.isRegularFile(celeba.resolve("identities.csv"))) {
            throw new IllegalArgumentException("No CelebA at " + celeba + "; pass --datasets DIR");
        }
        Files.createDirectories(common.out);
        BicubicResize lrMaker = BicubicResize.shrinkBy(arch.scale());
        FacePairDataset train = FacePairDataset.builder()
                .setSource(CelebADataset.builder().setRoot(celeba).optUsage(Dataset.Usage.TRAIN)
                        .optCrop(CropPolicy.FSRNET_CELEBA_128)
                        .optAugmentation(augmentation()).optSeed(common.seed).build())
                .addDegradation(lrMaker)
                .optIncludeIdentity(false)
                .optSeed(common.seed)
                .setSampling(batch, true)
                .build();
        FacePairDataset val = FacePairDataset.builder()
                .setSource(CelebADataset.builder().setRoot(celeba).optUsage(Dataset.Usage.VALIDATION)
                        .optCrop(CropPolicy.FSRNET_CELEBA_128).optSeed(common.seed).build())
                .addDegradation(lrMaker)
                .optIncludeIdentity(false)
                .optSeed(common.seed)
                .setSampling(batch, false)
                .build();
        long trainSize = train.size();

        int lrSize = 128 / arch.scale();
        boolean hasCheckpoint = new CheckpointStore(common.out.resolve("checkpoints"), 2).latestValid().isPresent();
        RebuildableBlock generator = residualBlocks == null ? arch.newNetwork() : arch.newNetwork(residualBlocks);
        ZooModel<Image, Image> warmStart = null;
        NDManager grownArrays = null;
        if (initFrom != null && !hasCheckpoint) {
            // the zoo rebuilds the generator from the card and loads (and SHA-256-checks) its weights
            warmStart = FsrModelZoo.loadSuperResolution(initFrom);
            if (warmStart.getBlock() instanceof RebuildableBlock g && g.arguments().equals(generator.arguments())) {
                generator = g;
                System.out.println("warm start from " + initFrom);
            } else if (warmStart.getBlock() instanceof Generator trained && generator instanceof Generator deeper) {
                grownArrays = NDManager.newBaseManager();
                deeper.initialize(grownArrays, DataType.FLOAT32, new Shape(1, 3, lrSize, lrSize));
                ParameterTransplant grown = SrGenerators.grow(trained, deeper);
                System.out.printf("grown from %s: %d parameters copied, %d new (added blocks start as identities)%n",
                        initFrom, grown.copied().size(), grown.fresh().size());
                warmStart.close();
                warmStart = null;
            } else {
                warmStart.close();
                throw new IllegalArgumentException("--init-from " + initFrom + " does not hold a " + arch.modelName()
                        + " network with the same arguments or a shallower generator to grow");
            }
        }
        StatefulAdam adam = StatefulAdam.builder()
                .optLearningRate(Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100)
                        .setMaxUpdates(steps).build())
                .build();
        SupervisedStage stage = SupervisedStage.builder()
                .setName("l1")
                .setNetwork(generator)
                .setLoss(PixelLoss.l1().build())
                .setOptimizer(adam)
                .setDataset(train)
                .setSteps(steps)
                .optValidator(DatasetValidator.builder().setDataset(val)
                        .addMetric(ImageQualityMetric.psnr("psnr_y", Psnr.builder()
                                .optChannels(ChannelMode.Y).optInputRange(ValueRange.UNIT).build(), true))
                        .addMetric(ImageQualityMetric.ssim("ssim_y", Ssim.builder()
                                .optChannels(ChannelMode.Y).optInputRange(ValueRange.UNIT).build(), true))
                        .optMaxBatches(validationBatches).build())
                .build();
        try (FigureLog log = common.openFigureLog();
                TrainingRun run = common.runBuilder(log, 50, validateEvery, checkpointEvery)
                        .addBlock("generator", generator, new Shape(1, 3, lrSize, lrSize))
                        .setSchedule(StageSchedule.of(stage))
                        .build()) {
            System.out.printf("%s: %d training faces, batch %d, %d steps%n",
                    arch.modelName(), trainSize, batch, steps);
            RunResult result = run.run();
            System.out.printf("%s: %d trainable parameters%n", arch.modelName(), ParameterCounts.trainable(generator));
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("model", arch.modelName());
            card.put("arguments", generator.arguments());
            card.put("parameters", ParameterCounts.trainable(generator));
            card.put("steps", steps);
            card.put("result", result.toString());
            card.put("batch", batch);
            card.put("seed", common.seed);
            card.put("learningRate", lr);
            card.put("aspectRange", aspectRange);
            common.writeFinal(generator, arch.modelName() + ".params", card);
            System.out.println("done: " + result);
        } finally {
            if (warmStart != null) {
                warmStart.close();
            }
            if (grownArrays != null) {
                grownArrays.close();
            }
        }
        return 0;
    }

    private FaceAugmentation augmentation() {
        if (aspectRange.length != 2) {
            throw new IllegalArgumentException("--aspect-range takes MIN,MAX, got " + java.util.Arrays.toString(aspectRange));
        }
        return FaceAugmentation.faceSr(aspectRange[0], aspectRange[1]);
    }

    /**
     * Runs the trainer.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainSuperResolution()).execute(args));
    }
}
