package dev.facesr.examples.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.training.tracker.Tracker;
import dev.facesr.core.data.BorderMode;
import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.data.FaceAugmentation;
import dev.facesr.core.data.LandmarkDataset;
import dev.facesr.core.data.LandmarkScheme;
import dev.facesr.core.nn.ParameterCounts;
import dev.facesr.core.train.DatasetValidator;
import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.StageSchedule;
import dev.facesr.core.train.SupervisedStage;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.log.FigureLog;
import dev.facesr.core.train.optim.StatefulAdam;
import dev.facesr.models.landmarks.GaussianHeatmaps;
import dev.facesr.models.landmarks.HeatmapDecoder;
import dev.facesr.models.landmarks.LandmarkHourglass;
import dev.facesr.models.landmarks.LandmarkNme;
import dev.facesr.models.landmarks.StackedHeatmapLoss;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the 68-point landmark estimator ({@link LandmarkHourglass}) on {@code
 * landmarks68/train}: the 256x256 crops are resized to 128x128 with random flips (left/right
 * points swapped by {@link LandmarkScheme#POINTS_68}), roll, box scale and aspect (black
 * outside the photo, as the dataset's own padding); the loss is the heatmap MSE on every stack
 * ({@link StackedHeatmapLoss}, Gaussian targets sigma 1 heatmap pixel at stride 4); Adam with a
 * cosine schedule. Validation NME (outer eye corners) is measured on a held-out slice of the
 * <em>train</em> split: the last {@code --val-fraction} of {@code train.csv} sorted by file
 * name, which is excluded from training. {@code landmarks68/test} and {@code fsrnet-test} are
 * never read.
 *
 * <p>The two slices are written to {@code OUT/train-slice.csv} and {@code OUT/val-slice.csv}
 * (absolute image paths). Resumes from its last checkpoint when run again with the same output
 * folder. At the end it writes the parameters and {@code training.json} to {@code OUT/final/};
 * {@link ExportLandmarkModel} turns the latest checkpoint into a zoo directory.
 *
 * <p>Run: {@code java -cp ... dev.facesr.examples.train.TrainLandmarks --steps 3000 --out
 * runs/landmarks68}.
 */
@Command(name = "train-landmarks", mixinStandardHelpOptions = true,
        description = "Trains the 68-point landmark hourglass on landmarks68/train (resumable).")
public final class TrainLandmarks implements Callable<Integer> {

    @Mixin
    RunFolderOptions common = new RunFolderOptions();

    /** The network input side. */
    public static final int INPUT = 128;


    /** The loss scale (see {@link StackedHeatmapLoss}). */
    public static final float LOSS_SCALE = 100f;

    @Option(names = "--steps", defaultValue = "3000", description = "total optimisation steps")
    int steps;

    @Option(names = "--batch", defaultValue = "8")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (cosine to lr/100)")
    float lr;




    @Option(names = "--checkpoint-every", defaultValue = "100")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "500")
    int validateEvery;

    @Option(names = "--sigma", defaultValue = "1.5", description = "Gaussian target sigma in heatmap pixels")
    float sigma;

    @Option(names = "--foreground", defaultValue = "20",
            description = "foreground weight of the heatmap loss (0 = plain MSE)")
    float foreground;

    @Option(names = "--log-every", defaultValue = "25")
    int logEvery;

    @Option(names = "--val-fraction", defaultValue = "0.1",
            description = "the last fraction of train.csv (sorted by file) held out for validation")
    double valFraction;

    @Option(names = "--channels", defaultValue = "64", description = "hourglass channels")
    int channels;

    @Option(names = "--stacks", defaultValue = "2", description = "stacked hourglasses")
    int stacks;

    @Option(names = "--depth", defaultValue = "4", description = "hourglass depth")
    int depth;

    @Option(names = "--csv", description = "the training CSV (default: DATASETS/landmarks68/train.csv);"
            + " file paths relative to its folder")
    Path csv;

    /** The augmentation used for training (recorded in the model card). */
    public static FaceAugmentation augmentation() {
        return FaceAugmentation.builder()
                .optFlipProbability(0.5)
                .optMaxRotationDegrees(20)
                .optScaleRange(0.85, 1.2)
                .optAspectRange(0.9, 1.1)
                .build();
    }

    /** The crop used for training and validation: the 256x256 face resized to 128x128. */
    public static CropPolicy crop() {
        return CropPolicy.fullImage(INPUT, INPUT).withBorder(BorderMode.ZERO);
    }

    /**
     * Resolves the training CSV.
     *
     * @param root the shared datasets folder
     * @param csv the csv option, or null
     * @return the CSV
     */
    static Path trainCsv(Path root, Path csv) {
        if (csv != null) {
            return csv;
        }
        Path f = root.resolve("landmarks68").resolve("train.csv");
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("No landmarks68/train.csv under " + root + "; pass --datasets DIR");
        }
        return f;
    }

    /**
     * Splits a landmark CSV into a training slice and a validation slice (the last {@code
     * fraction} of the rows sorted by file name) and writes both with absolute image paths.
     *
     * @param csv the source CSV ({@code file,x0,y0,...})
     * @param fraction the held-out fraction, in [0, 1)
     * @param trainOut where to write the training slice
     * @param valOut where to write the validation slice
     * @return {training rows, validation rows}
     * @throws IOException on read or write errors
     */
    public static int[] split(Path csv, double fraction, Path trainOut, Path valOut) throws IOException {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + fraction);
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String header = lines.get(0);
        Path base = csv.toAbsolutePath().getParent();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            rows.add(new String[] {line.substring(0, comma), line.substring(comma)});
        }
        rows.sort(Comparator.comparing(r -> r[0]));
        int val = (int) Math.round(rows.size() * fraction);
        int train = rows.size() - val;
        if (train < 1 || (fraction > 0 && val < 1)) {
            throw new IllegalArgumentException(csv + " has too few rows (" + rows.size() + ") for a split");
        }
        List<String> t = new ArrayList<>(List.of(header));
        List<String> v = new ArrayList<>(List.of(header));
        for (int i = 0; i < rows.size(); i++) {
            String line = base.resolve(rows.get(i)[0]).toAbsolutePath() + rows.get(i)[1];
            (i < train ? t : v).add(line);
        }
        Files.write(trainOut, t, StandardCharsets.UTF_8);
        Files.write(valOut, v, StandardCharsets.UTF_8);
        return new int[] {train, val};
    }

    /**
     * Training-time initialisation: zeroes the last convolution of every residual branch and the
     * between-stack merge convolutions, so that at the start each residual block is the identity
     * and every stack sees the same features (the "zero-init residual" of Goyal et al.). The
     * network has no normalisation, and with He initialisation the activations grow by about
     * sqrt(2) per residual block, which made the first heatmap losses explode (about 1e8).
     *
     * @param net an initialised hourglass
     * @return the number of arrays zeroed
     */
    public static int zeroInitBranches(LandmarkHourglass net) {
        int n = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            String name = p.getKey();
            if (name.contains("conv2_01conv_") || name.contains("merge")) {
                NDArray a = p.getValue().getArray();
                a.set(a.zerosLike().toFloatArray());
                n++;
            }
        }
        return n;
    }

    @Override
    public Integer call() throws Exception {
        Path source = trainCsv(common.datasetsRoot(), csv);
        Files.createDirectories(common.out);
        Path trainSlice = common.out.resolve("train-slice.csv");
        Path valSlice = common.out.resolve("val-slice.csv");
        int[] sizes = split(source, valFraction, trainSlice, valSlice);

        LandmarkDataset train = LandmarkDataset.builder().setCsv(trainSlice)
                .optScheme(LandmarkScheme.POINTS_68)
                .optCrop(crop()).optAugmentation(augmentation()).optSeed(common.seed)
                .setSampling(batch, true).build();
        LandmarkHourglass net = LandmarkHourglass.builder().optChannels(channels)
                .optStacks(stacks).optDepth(depth).build();
        StatefulAdam adam = StatefulAdam.builder()
                .optLearningRate(Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100)
                        .setMaxUpdates(steps).build())
                .build();
        SupervisedStage.Builder stage = SupervisedStage.builder()
                .setName("heatmaps")
                .setNetwork(net)
                .setLoss(new StackedHeatmapLoss(new GaussianHeatmaps(LandmarkHourglass.STRIDE, sigma), LOSS_SCALE, foreground))
                .setOptimizer(adam)
                .setDataset(train)
                .setSteps(steps);
        if (sizes[1] > 0) {
            LandmarkDataset val = LandmarkDataset.builder().setCsv(valSlice)
                    .optScheme(LandmarkScheme.POINTS_68)
                    .optCrop(crop()).optSeed(common.seed).setSampling(batch, false).build();
            stage.optValidator(DatasetValidator.builder().setDataset(val)
                    .addMetric(new LandmarkNme("nme", new HeatmapDecoder(LandmarkHourglass.STRIDE,
                            HeatmapDecoder.Refinement.GAUSSIAN_FIT)))
                    .build());
        }
        try (FigureLog log = common.openFigureLog();
                TrainingRun run = common.runBuilder(log, logEvery, validateEvery, checkpointEvery)
                        .addBlock("landmarks", net, new Shape(1, 3, INPUT, INPUT))
                        .setSchedule(StageSchedule.of(stage.build()))
                        .build()) {
            System.out.printf("landmarks68: %d training faces, %d validation faces, batch %d, %d steps%n",
                    sizes[0], sizes[1], batch, steps);
            if (!net.isInitialized()) {
                // fresh run (a resumed run overwrites these values from its checkpoint)
                net.initialize(run.getManager(), DataType.FLOAT32, new Shape(1, 3, INPUT, INPUT));
                zeroInitBranches(net);
            }
            RunResult result = run.run();
            System.out.printf("landmarks68: %d trainable parameters%n", ParameterCounts.trainable(net));
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("model", "landmarks68");
            card.put("arguments", net.arguments());
            card.put("parameters", ParameterCounts.trainable(net));
            card.put("steps", steps);
            card.put("result", result.toString());
            card.put("batch", batch);
            card.put("seed", common.seed);
            card.put("learningRate", lr);
            card.put("trainFaces", sizes[0]);
            card.put("validationFaces", sizes[1]);
            common.writeFinal(net, "landmarks68.params", card);
            System.out.println("done: " + result);
        }
        return 0;
    }

    /**
     * Runs the trainer.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainLandmarks()).execute(args));
    }
}
