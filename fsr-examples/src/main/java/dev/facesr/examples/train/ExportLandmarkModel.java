package dev.facesr.examples.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.detect.BoxTemplateLandmarks;
import dev.facesr.models.detect.HaarFaceDetector;
import dev.facesr.core.train.checkpoint.CheckpointState;
import dev.facesr.core.train.checkpoint.CheckpointStore;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.landmark.LandmarkError;
import dev.facesr.metrics.landmark.LandmarkErrorSummary;
import dev.facesr.models.landmarks.LandmarkHourglass;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelExporter;
import dev.facesr.models.zoo.ZooLandmarkEstimator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Exports a {@link TrainLandmarks} checkpoint (the run's latest; no checkpoint is picked on any
 * figure) into the model-zoo layout and measures the exported model through the zoo with {@link
 * ZooLandmarkEstimator}, as a user would load it. NME is normalised by the ground-truth outer-eye
 * corner distance (points 36 and 45, {@link LandmarkError}). Sets, each measured twice &mdash;
 * {@code .nme}: the product path (whole image as the face box, one refinement pass around the
 * predicted points), {@code .nme-single-pass}: one pass on the whole image:
 *
 * <ul>
 *   <li>{@code val-slice-N}: the run's held-out slice of {@code landmarks68/train}
 *       ({@code RUN/val-slice.csv}, 256x256 crops);
 *   <li>{@code landmarks68-test}: the 50 test crops (256x256), measured only;
 *   <li>{@code helen-50-hr}: {@code fsrnet-test/helen-50/hr} (128x128) with its {@code
 *       landmarks68.csv}, measured only.
 * </ul>
 *
 * <p>{@code .fraction-below-0.08} gives the share of faces with NME under 0.08 (product path).
 */
@Command(name = "export-landmarks", mixinStandardHelpOptions = true,
        description = "Exports a trained landmark checkpoint into the model zoo and measures it.")
public final class ExportLandmarkModel implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    WeightsStorageOption weights = new WeightsStorageOption();

    @Option(names = "--run", required = true, description = "the trainer's run folder (its latest valid checkpoint is used)")
    Path run;

    @Option(names = "--out", required = true, description = "the model directory to write, e.g."
            + " fsr-models/src/main/resources/dev/facesr/models/landmarks68")
    Path out;

    @Option(names = "--commit", required = true, description = "the commit whose code trained the model")
    String commit;

    @Option(names = "--version", defaultValue = "0.1.0")
    String version;

    @Option(names = "--datasets", description = "the shared datasets folder (default: -Dfsr.datasets or ../shared/datasets)")
    Path datasets;

    @Option(names = "--seed", defaultValue = "20261123", description = "the training seed (for the card)")
    long seed;

    @Option(names = "--recipe", defaultValue = "batch 8, StatefulAdam lr 5e-4 cosine to 5e-6 over the planned"
            + " steps, Gaussian targets sigma 1.5 heatmap px, foreground weight 20, loss on both stacks",
            description = "the recipe text for the card")
    String recipe;

    @Option(names = "--channels", defaultValue = "64")
    int channels;

    @Option(names = "--stacks", defaultValue = "2")
    int stacks;

    @Option(names = "--depth", defaultValue = "4")
    int depth;

    @Option(names = "--skip-measure", description = "export only (no datasets needed)")
    boolean skipMeasure;

    @Override
    public Integer call() throws Exception {
        Path root = datasets != null ? datasets : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
        Path checkpoint = new CheckpointStore(run.resolve("checkpoints"), 2).latestValid()
                .orElseThrow(() -> new IllegalArgumentException("No valid checkpoint in " + run.resolve("checkpoints")));
        try (NDManager manager = NDManager.newBaseManager()) {
            LandmarkHourglass net = LandmarkHourglass.builder().optChannels(channels).optStacks(stacks)
                    .optDepth(depth).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, TrainLandmarks.INPUT, TrainLandmarks.INPUT));
            CheckpointState state = CheckpointStore.restoreParameters(checkpoint, Map.of("landmarks", net));
            long steps = state.globalStep();
            System.out.printf("landmarks68: checkpoint %s (step %d)%n", checkpoint.getFileName(), steps);
            Path valSlice = run.resolve("val-slice.csv");
            long valFaces = Files.isRegularFile(valSlice) ? Files.readAllLines(valSlice).size() - 1 : 0;
            ModelCard.Builder card = ModelCard.builder()
                    .setName(ZooLandmarkEstimator.DEFAULT_MODEL)
                    .optVersion(version)
                    .optDescription("68-point landmarks (300-W order) on 128x128 face crops: stacked hourglass ("
                            + stacks + " stacks, " + channels + " channels, depth " + depth
                            + "), 32x32 heatmaps decoded by argmax with a Gaussian sub-pixel fit")
                    .setSizes(TrainLandmarks.INPUT, TrainLandmarks.INPUT / LandmarkHourglass.STRIDE)
                    .optTrainingData("landmarks68/train (300-W Helen + AFW, ../shared/datasets) minus its last "
                                    + valFaces + " rows sorted by file name (held out for validation)",
                            "the 256x256 crop (square centred on the points' bounding box, side 1.6x its longer"
                                    + " side) resized to 128x128 (area), black outside; augmentation: flip p 0.5"
                                    + " (left/right points swapped), roll +-20 deg, box scale 0.85-1.2, aspect 0.9-1.1")
                    .optTraining("dev.facesr.examples.train.TrainLandmarks (" + recipe + ");"
                            + " exported from the latest checkpoint, step " + steps, steps, seed, commit);
            ModelExporter.export(net, card, out, weights.storage());
            if (!skipMeasure) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                if (valFaces > 0) {
                    measure(metrics, out, "val-slice-" + valFaces, valSlice, null);
                }
                if (valFaces > 0) {
                    measureHaar(metrics, out, "val-slice-" + valFaces, valSlice);
                }
                Path l68 = root.resolve("landmarks68");
                measure(metrics, out, "landmarks68-test", l68.resolve("test.csv"), null);
                Path helen = root.resolve("fsrnet-test").resolve("helen-50");
                measure(metrics, out, "helen-50-hr", helen.resolve("landmarks68.csv"), helen.resolve("hr"));
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    card.addMetric(e.getKey(), e.getValue());
                    System.out.printf("  %-40s %.4f%n", e.getKey(), e.getValue());
                }
                ModelExporter.export(net, card, out, weights.storage());
            }
        }
        return 0;
    }

    /**
     * Measures one set through the exported model.
     *
     * @param metrics where the figures go
     * @param modelDir the exported model
     * @param key the set's key
     * @param csv {@code file,x0,y0,...}
     * @param imageDir the folder the file names are relative to, or null for the CSV's folder
     * @throws IOException on read errors
     */
    static void measure(Map<String, Double> metrics, Path modelDir, String key, Path csv, Path imageDir)
            throws IOException {
        List<FloatImage> photos = new ArrayList<>();
        List<BoundingBox> boxes = new ArrayList<>();
        List<float[][]> truth = new ArrayList<>();
        Path base = imageDir != null ? imageDir : csv.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            FloatImage img = ImageConversions.read(base.resolve(f[0]));
            photos.add(img);
            boxes.add(new BoundingBox(0, 0, img.width(), img.height()));
            float[][] gt = new float[(f.length - 1) / 2][];
            for (int i = 0; i < gt.length; i++) {
                gt[i] = new float[] {Float.parseFloat(f[1 + 2 * i]), Float.parseFloat(f[2 + 2 * i])};
            }
            truth.add(gt);
        }
        float[][][] gt = truth.toArray(new float[0][][]);
        LandmarkError nme = LandmarkError.builder().build();
        for (int passes = 1; passes >= 0; passes--) {
            try (ZooLandmarkEstimator est = ZooLandmarkEstimator.load(modelDir,
                    ZooLandmarkEstimator.Framing.TRAINING_CROP, passes)) {
                float[][][] pred = est.estimateAll(photos, boxes).toArray(new float[0][][]);
                LandmarkErrorSummary s = nme.compute(pred, gt);
                if (passes == 1) {
                    metrics.put(key + ".nme", s.mean());
                    metrics.put(key + ".fraction-below-0.08", s.fractionBelow());
                } else {
                    metrics.put(key + ".nme-single-pass", s.mean());
                }
            }
        }
    }

    /**
     * The product path on photos: the default {@link HaarFaceDetector} finds the face (the
     * best-scored box holding all 5 ground-truth points, as {@code BoxTemplateLandmarks} was
     * calibrated), then {@link ZooLandmarkEstimator#load(Path, ZooLandmarkEstimator.Framing, int)}
     * with {@link ZooLandmarkEstimator.Framing#HAAR_BOX} and one refinement pass. Figures: faces
     * matched, the 68-point NME, and the 5-point error (points of {@link Landmarks#toFivePoint()},
     * normalised by the outer-eye-corner distance) of the model and of {@link
     * BoxTemplateLandmarks#forHaarAlt2()} on the same boxes.
     *
     * @param metrics where the figures go
     * @param modelDir the exported model
     * @param key the set's key
     * @param csv {@code file,x0,y0,...} with absolute or CSV-relative file names
     * @throws IOException on read errors
     */
    static void measureHaar(Map<String, Double> metrics, Path modelDir, String key, Path csv) throws IOException {
        Path base = csv.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        BufferedImageFactory images = new BufferedImageFactory();
        LandmarkError nme = LandmarkError.builder().build();
        BoxTemplateLandmarks template = BoxTemplateLandmarks.forHaarAlt2();
        int matched = 0;
        double sum68 = 0;
        double sum5 = 0;
        double sumTemplate = 0;
        try (HaarFaceDetector detector = HaarFaceDetector.newDefault();
                ZooLandmarkEstimator est = ZooLandmarkEstimator.load(modelDir,
                        ZooLandmarkEstimator.Framing.HAAR_BOX, 1)) {
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                float[][] gt = new float[(f.length - 1) / 2][];
                double[] xy = new double[f.length - 1];
                for (int i = 0; i < gt.length; i++) {
                    gt[i] = new float[] {Float.parseFloat(f[1 + 2 * i]), Float.parseFloat(f[2 + 2 * i])};
                    xy[2 * i] = gt[i][0];
                    xy[2 * i + 1] = gt[i][1];
                }
                Landmarks truth5 = Landmarks.of(xy).toFivePoint();
                Image photo = images.fromImage(ImageConversions.toBufferedImage(
                        ImageConversions.read(base.resolve(f[0]))));
                DetectedFace best = null;
                for (DetectedFace d : detector.detect(photo)) {
                    if (containsAll(d.box(), truth5) && (best == null || d.score() > best.score())) {
                        best = d;
                    }
                }
                if (best == null) {
                    continue;
                }
                matched++;
                Landmarks p = est.estimate(photo, best.box());
                float[][] pred = new float[p.size()][];
                for (int i = 0; i < p.size(); i++) {
                    pred[i] = new float[] {(float) p.x(i), (float) p.y(i)};
                }
                double io = LandmarkError.interOcular(gt);
                sum68 += nme.perImage(pred, gt);
                sum5 += fivePointError(p.toFivePoint(), truth5) / io;
                sumTemplate += fivePointError(template.place(best.box()), truth5) / io;
            }
        }
        metrics.put(key + ".haar.matched-faces", (double) matched);
        if (matched > 0) {
            metrics.put(key + ".haar.nme", sum68 / matched);
            metrics.put(key + ".haar.five-point-error", sum5 / matched);
            metrics.put(key + ".haar.box-template-five-point-error", sumTemplate / matched);
        }
    }

    private static boolean containsAll(BoundingBox b, Landmarks five) {
        for (int i = 0; i < five.size(); i++) {
            double x = five.x(i) + 0.5;
            double y = five.y(i) + 0.5;
            if (x < b.x() || y < b.y() || x > b.x() + b.width() || y > b.y() + b.height()) {
                return false;
            }
        }
        return true;
    }

    private static double fivePointError(Landmarks a, Landmarks b) {
        double e = 0;
        for (int i = 0; i < a.size(); i++) {
            e += Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i));
        }
        return e / a.size();
    }

    /**
     * Runs the export.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportLandmarkModel()).execute(args));
    }
}
