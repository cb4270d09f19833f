package dev.facesr.examples.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.facesr.core.data.AutoencodingDataset;
import dev.facesr.core.data.CelebADataset;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.data.FaceAugmentation;
import dev.facesr.core.data.FacePairDataset;
import dev.facesr.core.degrade.BicubicResize;
import dev.facesr.core.degrade.Degradation;
import dev.facesr.core.degrade.Degradations;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.core.nn.role.Discriminator;
import dev.facesr.core.train.DatasetValidator;
import dev.facesr.core.train.ImageQualityMetric;
import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.crossdomain.CrossDomainSchedule;
import dev.facesr.models.crossdomain.CrossDomainSr;
import dev.facesr.models.identity.IdentityNet;
import java.nio.file.Files;
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
 * Trains the cross-domain model ({@link CrossDomainSr}, without global residual) with the staged
 * {@link CrossDomainSchedule} on aligned CelebA train (FSRNet framing, 128x128): autoencoder,
 * regressor (with the code-regression loss, or for the ablation {@code --no-regression-loss} a
 * pixel loss through the frozen decoder), GAN, end to end, and, with {@code --identity-teacher},
 * identity fine-tuning against the cross-resolution identity teacher. One model for several
 * scales: every LR face is a MATLAB-bicubic shrink by one of {@code --scales} (drawn per face),
 * enlarged back to 128x128 with MATLAB bicubic (float, as the zoo's translator does).
 * Validation: Y-PSNR/Y-SSIM on CelebA val at 8x. Resumes from its last checkpoint when run again
 * with the same {@code --out}. Writes {@code OUT/model.json} (the network's arguments) at the
 * start and {@code OUT/final/} at the end; {@link ExportCrossDomain} puts a run into the zoo.
 *
 * <p>Run: {@code java -cp ... dev.facesr.examples.train.TrainCrossDomain --out runs/cross-domain
 * --steps 1500,1500,300,3000,0}.
 */
@Command(name = "train-cross-domain", mixinStandardHelpOptions = true,
        description = "Trains the cross-domain SR model in stages on CelebA (resumable).")
public final class TrainCrossDomain implements Callable<Integer> {

    @Mixin
    RunFolderOptions common = new RunFolderOptions();

    /** The model's file name inside {@code final/}. */
    static final String PARAMS = "cross-domain.params";

    @Option(names = "--steps", defaultValue = "1500,1500,300,3000,0", split = ",",
            description = "steps of the stages autoencoder,regressor,gan,end-to-end,identity (0 leaves a stage out)")
    long[] steps;

    @Option(names = "--no-regression-loss", description = "the ablation: train the regressor by a pixel loss"
            + " through the frozen decoder instead of the code-regression loss")
    boolean noRegressionLoss;

    @Option(names = "--scales", defaultValue = "4,8", split = ",", description = "shrink factors drawn per face")
    double[] scales;

    @Option(names = "--batch", defaultValue = "16")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-4", description = "peak learning rate (cosine to lr/100 in each stage)")
    float lr;

    @Option(names = "--adversarial-weight", defaultValue = "0.005")
    float adversarialWeight;

    @Option(names = "--identity-teacher", description = "an identity teacher's final/ folder (TrainIdentity);"
            + " needed when the identity stage has steps")
    Path identityTeacher;

    @Option(names = "--identity-weight", defaultValue = "0.1")
    float identityWeight;




    @Option(names = "--checkpoint-every", defaultValue = "200")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "1000")
    int validateEvery;

    @Option(names = "--validation-batches", defaultValue = "16")
    int validationBatches;

    @Option(names = "--log-every", defaultValue = "50")
    int logEvery;

    /**
     * The model this trainer builds: {@link CrossDomainSr}'s default design without global
     * residual (the decoder maps codes to faces).
     *
     * @return a fresh model
     */
    public static CrossDomainSr newModel() {
        return CrossDomainSr.builder().optGlobalResidual(false).build();
    }

    /**
     * The LR face on the HR grid: MATLAB bicubic shrink (8-bit), then MATLAB bicubic back to
     * 128x128 without rounding, as {@code SuperResolutionTranslator} does for this model.
     *
     * @param scale the shrink factor
     * @return the degradation
     */
    static Degradation lowResolutionOnHrGrid(double scale) {
        return Degradations.sequence(BicubicResize.shrinkBy(scale), BicubicResize.toSize(128, 128).withoutQuantization());
    }

    @Override
    public Integer call() throws Exception {
        if (steps.length != 5) {
            throw new IllegalArgumentException("--steps needs 5 numbers (autoencoder,regressor,gan,end-to-end,identity),"
                    + " got " + steps.length);
        }
        if (scales.length == 0) {
            throw new IllegalArgumentException("--scales needs at least one factor");
        }
        Path root = common.datasetsRoot();
        Path celeba = root.resolve("celeba");
        if (!Files.isRegularFile(celeba.resolve("identities.csv"))) {
            throw new IllegalArgumentException("No CelebA at " + celeba + "; pass --datasets DIR");
        }
        Files.createDirectories(common.out);
        List<Degradation> onGrid = new ArrayList<>();
        for (double s : scales) {
            onGrid.add(lowResolutionOnHrGrid(s));
        }
        List<Degradation> withHr = new ArrayList<>(onGrid);
        withHr.add(0, Degradations.identity());
        AutoencodingDataset autoencoding = AutoencodingDataset.builder()
                .setSource(pairs(celeba, Dataset.Usage.TRAIN, Degradations.oneOf(withHr.toArray(new Degradation[0])), true))
                .setSampling(batch, true).build();
        FacePairDataset train = pairs(celeba, Dataset.Usage.TRAIN, Degradations.oneOf(onGrid.toArray(new Degradation[0])), true);
        FacePairDataset val = pairs(celeba, Dataset.Usage.VALIDATION, lowResolutionOnHrGrid(8), false);

        CrossDomainSr model = newModel();
        Discriminator discriminator = CrossDomainSr.discriminatorBuilder().build();
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(common.out.resolve("model.json").toFile(), model.arguments());
        try (NDManager manager = NDManager.newBaseManager()) {
            CrossDomainSchedule.Builder plan = CrossDomainSchedule.builder().setModel(model)
                    .optDiscriminator(discriminator)
                    .setAutoencoderData(autoencoding).setTrainData(train)
                    .setSteps(steps[0], steps[1], steps[2], steps[3], steps[4])
                    .optRegressionLoss(!noRegressionLoss)
                    .optLearningRate(lr)
                    .optAdversarialWeight(adversarialWeight)
                    .optValidator(DatasetValidator.builder().setDataset(val)
                            .addMetric(ImageQualityMetric.psnr("psnr_y", Psnr.builder()
                                    .optChannels(ChannelMode.Y).optInputRange(ValueRange.UNIT).build(), true))
                            .addMetric(ImageQualityMetric.ssim("ssim_y", Ssim.builder()
                                    .optChannels(ChannelMode.Y).optInputRange(ValueRange.UNIT).build(), true))
                            .optMaxBatches(validationBatches).build());
            if (identityTeacher != null) {
                IdentityNet teacher = IdentityModelFolder.loadNetwork(identityTeacher, manager);
                if (teacher.inputSize() != 128) {
                    throw new IllegalArgumentException("--identity-teacher must take 128x128 faces, " + identityTeacher
                            + " takes " + teacher.inputSize());
                }
                plan.optIdentityEmbedder(teacher, identityWeight);
            }
            StageSchedule schedule = plan.build();
            try (FigureLog log = common.openFigureLog();
                    TrainingRun run = common.runBuilder(log, logEvery, validateEvery, checkpointEvery)
                            .addBlock("generator", model, new Shape(1, 3, 128, 128))
                            .addBlock("discriminator", discriminator, new Shape(1, 3, 128, 128))
                            .setSchedule(schedule)
                            .build()) {
                System.out.printf("cross-domain%s: %d training faces, scales %s, batch %d, steps %s%n",
                        noRegressionLoss ? " (ablation: no regression loss)" : "", train.size(),
                        java.util.Arrays.toString(scales), batch, java.util.Arrays.toString(steps));
                RunResult result = run.run();
                System.out.printf("cross-domain: %d trainable parameters%n", ParameterCounts.trainable(model));
                Map<String, Object> card = new LinkedHashMap<>();
                card.put("model", "cross-domain");
                card.put("arguments", model.arguments());
                card.put("regressionLoss", !noRegressionLoss);
                card.put("steps", steps);
                card.put("scales", scales);
                card.put("batch", batch);
                card.put("learningRate", lr);
                card.put("adversarialWeight", adversarialWeight);
                card.put("identityTeacher", identityTeacher == null ? null : identityTeacher.toString());
                card.put("identityWeight", identityWeight);
                card.put("seed", common.seed);
                card.put("result", result.toString());
                Path finalDir = common.writeFinal(model, PARAMS, card);
                System.out.println("done: " + result + "; wrote " + finalDir);
            }
        }
        return 0;
    }

    private FacePairDataset pairs(Path celeba, Dataset.Usage usage, Degradation degradation, boolean training) {
        CelebADataset.Builder source = CelebADataset.builder().setRoot(celeba).optUsage(usage)
                .optCrop(CropPolicy.FSRNET_CELEBA_128).optSeed(common.seed);
        if (training) {
            source.optAugmentation(FaceAugmentation.faceSr());
        }
        return FacePairDataset.builder().setSource(source.build()).addDegradation(degradation)
                .optIncludeIdentity(false).optSeed(common.seed).setSampling(batch, training).build();
    }

    /**
     * Runs the trainer.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCrossDomain()).execute(args));
    }
}
