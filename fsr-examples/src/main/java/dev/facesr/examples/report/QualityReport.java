package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.metrics.landmark.LandmarkError;
import dev.facesr.metrics.landmark.LandmarkErrorSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the quality report: reads the face sets, makes the low-resolution inputs from the ground
 * truth with MATLAB bicubic ({@code BicubicResize.shrinkBy(s)}, 8-bit; never the stored {@code
 * lr8x} files), runs every model, and measures Y-PSNR / Y-SSIM, landmark error, speed and the
 * picture grid. Write the result with {@link ReportWriter}.
 *
 * <p>Sections: 8x on FSRNet's CelebA-1000 and Helen-50; 4x, 6.4x and 8x on CelebA validation
 * faces for the models that handle each scale; landmark error on Helen-50 at 8x (when a {@link
 * LandmarkEstimator} is given); milliseconds per face at batch 1 and batch 32. The model outputs
 * are rounded and clipped to 8-bit levels before measuring, as a saved PNG would be.
 */
public final class QualityReport {

    /** The scales of the CelebA validation section. */
    public static final List<Double> CELEBA_VAL_SCALES = List.of(4.0, 6.4, 8.0);

    private static final int CHUNK = 32;

    private final Path datasets;
    private final List<ReportModel> models;
    private final LandmarkEstimator estimator;
    private final boolean quick;
    private final int gridFaces;
    private final int celebaValCount;
    private final int fsrnetLimit;
    private final int crop;
    private final SpeedBenchmark speed1;
    private final SpeedBenchmark speed32;
    private final String command;
    private final String commit;
    private final PrintWriter progress;

    private QualityReport(Builder b) {
        this.datasets = b.datasets;
        this.models = List.copyOf(b.models);
        this.estimator = b.estimator;
        this.quick = b.quick;
        this.gridFaces = b.gridFaces;
        this.celebaValCount = b.celebaValCount != null ? b.celebaValCount : (quick ? 50 : 500);
        this.fsrnetLimit = b.fsrnetLimit != null ? b.fsrnetLimit : (quick ? 50 : Integer.MAX_VALUE);
        this.crop = b.crop;
        this.speed1 = b.speed1 != null ? b.speed1 : (quick ? new SpeedBenchmark(2, 3) : new SpeedBenchmark(5, 20));
        this.speed32 = b.speed32 != null ? b.speed32 : (quick ? new SpeedBenchmark(1, 2) : new SpeedBenchmark(5, 5));
        this.command = b.command;
        this.commit = b.commit;
        this.progress = b.progress;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every section. The models are not closed.
     *
     * @return the measurements
     * @throws IllegalArgumentException when a dataset folder is missing or a model returns a wrong size
     */
    public QualityResults run() {
        Instant start = Instant.now();
        // Read everything first, so a missing folder fails before any slow work.
        FaceSet celeba1000 = FaceSet.fsrnetTest(datasets, "celeba-1000", fsrnetLimit);
        FaceSet helen50 = FaceSet.fsrnetTest(datasets, "helen-50", fsrnetLimit);
        float[][][] helenLandmarks = helen50.landmarks(
                datasets.resolve("fsrnet-test").resolve("helen-50").resolve("landmarks68.csv"));
        FaceSet celebaVal = FaceSet.celebaValidation(datasets, celebaValCount);
        log("read " + celeba1000.size() + " + " + helen50.size() + " FSRNet test faces and " + celebaVal.size()
                + " CelebA validation faces");

        Psnr psnr = Psnr.builder().optChannels(ChannelMode.Y).optCrop(crop).optInputRange(ValueRange.BYTE).build();
        Ssim ssim = Ssim.builder().optChannels(ChannelMode.Y).optCrop(crop).optInputRange(ValueRange.BYTE).build();
        List<QualityResults.Score> scores = new ArrayList<>();

        // Grid: evenly spaced CelebA-1000 faces at 8x.
        int rows = Math.min(gridFaces, celeba1000.size());
        List<Integer> gridIndex = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            gridIndex.add((int) ((long) r * celeba1000.size() / rows));
        }
        Map<String, List<FloatImage>> gridOutputs = new LinkedHashMap<>();
        Map<String, List<FloatImage>> helenOutputs = new LinkedHashMap<>();

        for (FaceSet set : List.of(celeba1000, helen50)) {
            List<FloatImage> lr = shrinkAll(set, 8);
            for (ReportModel m : models) {
                if (!m.supports(8)) {
                    continue;
                }
                List<Integer> keep = set == celeba1000 ? gridIndex : (set == helen50 ? allIndices(set) : List.of());
                List<FloatImage> kept = new ArrayList<>();
                scores.add(score(m, set, lr, 8, psnr, ssim, keep, kept));
                (set == celeba1000 ? gridOutputs : helenOutputs).put(m.name(), kept);
            }
        }
        for (double s : CELEBA_VAL_SCALES) {
            List<FloatImage> lr = shrinkAll(celebaVal, s);
            for (ReportModel m : models) {
                if (m.supports(s)) {
                    scores.add(score(m, celebaVal, lr, s, psnr, ssim, List.of(), new ArrayList<>()));
                }
            }
        }

        QualityResults.LandmarkSection landmarks = landmarks(helen50, helenLandmarks, helenOutputs);

        List<String> columns = new ArrayList<>();
        columns.add("LR x8 (nearest)");
        columns.addAll(gridOutputs.keySet());
        columns.add("ground truth");
        List<List<FloatImage>> gridRows = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            FloatImage hr = celeba1000.faces().get(gridIndex.get(r));
            List<FloatImage> row = new ArrayList<>();
            row.add(ReportImages.nearest(ReportImages.shrink(hr, 8), hr.height(), hr.width()));
            for (List<FloatImage> outs : gridOutputs.values()) {
                row.add(outs.get(r));
            }
            row.add(hr);
            gridRows.add(row);
        }

        MachineInfo machine = MachineInfo.current();
        List<QualityResults.Speed> speeds = new ArrayList<>();
        for (ReportModel m : models) {
            double s = m.supports(8) ? 8 : m.scales().stream().mapToDouble(Double::doubleValue).min().orElse(8);
            List<FloatImage> lr = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                lr.add(ReportImages.shrink(celeba1000.faces().get(i % celeba1000.size()), s));
            }
            List<Image> batch32 = ReportImages.toDjl(lr);
            log("timing " + m.name() + " at x" + fmtScale(s));
            speeds.add(speed1.measure(m, batch32.subList(0, 1), s));
            speeds.add(speed32.measure(m, batch32, s));
        }
        machine = machine.withLoadAfter();

        List<QualityResults.ModelInfo> infos = new ArrayList<>();
        for (ReportModel m : models) {
            infos.add(new QualityResults.ModelInfo(m.name(), m.scales().stream().sorted().toList(), m.description()));
        }
        List<QualityResults.SetInfo> sets = new ArrayList<>();
        for (FaceSet set : List.of(celeba1000, helen50, celebaVal)) {
            sets.add(new QualityResults.SetInfo(set.name(), set.source(), set.size()));
        }
        double seconds = (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0;
        QualityResults.RunInfo run = new QualityResults.RunInfo(command, start.truncatedTo(ChronoUnit.SECONDS).toString(),
                commit, quick, crop, seconds);
        return new QualityResults(run, machine, infos, sets, scores, landmarks, speeds,
                QualityGrid.draw(columns, gridRows), columns);
    }

    private QualityResults.LandmarkSection landmarks(FaceSet helen, float[][][] truth,
            Map<String, List<FloatImage>> outputs) {
        if (estimator == null) {
            return new QualityResults.LandmarkSection(null, helen.name(), 8, List.of());
        }
        log("landmarks with " + estimator.name());
        LandmarkError metric = LandmarkError.builder().build();
        List<QualityResults.LandmarkRow> rows = new ArrayList<>();
        Map<String, List<FloatImage>> inputs = new LinkedHashMap<>();
        inputs.put("ground truth", helen.faces());
        inputs.putAll(outputs);
        for (Map.Entry<String, List<FloatImage>> e : inputs.entrySet()) {
            float[][][] pred = new float[helen.size()][][];
            for (int start = 0; start < helen.size(); start += CHUNK) {
                int end = Math.min(helen.size(), start + CHUNK);
                float[][][] p = estimator.estimate(ReportImages.toDjl(e.getValue().subList(start, end)));
                if (p.length != end - start) {
                    throw new IllegalStateException("The landmark estimator returned " + p.length + " point sets for "
                            + (end - start) + " faces");
                }
                System.arraycopy(p, 0, pred, start, p.length);
            }
            LandmarkErrorSummary s = metric.compute(pred, truth);
            rows.add(new QualityResults.LandmarkRow(e.getKey(), s.mean(), s.fractionBelow(), s.threshold(),
                    s.perImage()));
        }
        return new QualityResults.LandmarkSection(estimator.name(), helen.name(), 8, rows);
    }

    private static List<Integer> allIndices(FaceSet set) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static List<FloatImage> shrinkAll(FaceSet set, double scale) {
        List<FloatImage> lr = new ArrayList<>(set.size());
        for (FloatImage hr : set.faces()) {
            lr.add(ReportImages.shrink(hr, scale));
        }
        return lr;
    }

    /** Runs a model over a set in chunks and measures every output; keeps the outputs at {@code keep}. */
    private QualityResults.Score score(ReportModel m, FaceSet set, List<FloatImage> lr, double scale, Psnr psnr,
            Ssim ssim, List<Integer> keep, List<FloatImage> kept) {
        log(m.name() + " on " + set.name() + " x" + fmtScale(scale));
        int n = set.size();
        double[] p = new double[n];
        double[] q = new double[n];
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            List<Image> out = m.upscale(ReportImages.toDjl(lr.subList(start, end)), scale);
            if (out.size() != end - start) {
                throw new IllegalStateException(m.name() + " returned " + out.size() + " faces for " + (end - start));
            }
            for (int i = start; i < end; i++) {
                FloatImage sr = ReportImages.fromDjl(out.get(i - start));
                FloatImage hr = set.faces().get(i);
                if (sr.height() != hr.height() || sr.width() != hr.width()) {
                    throw new IllegalStateException(m.name() + " made a " + sr.width() + "x" + sr.height() + " face from "
                            + lr.get(i).width() + "x" + lr.get(i).height() + " at x" + fmtScale(scale) + "; the ground"
                            + " truth " + set.ids().get(i) + " is " + hr.width() + "x" + hr.height());
                }
                p[i] = psnr.compute(sr, hr);
                q[i] = ssim.compute(sr, hr);
                if (keep.contains(i)) {
                    kept.add(sr);
                }
            }
        }
        return new QualityResults.Score(m.name(), set.name(), scale, mean(p), mean(q), set.ids(), p, q);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private void log(String message) {
        if (progress != null) {
            progress.println("report: " + message);
            progress.flush();
        }
    }

    static String fmtScale(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    /** Builds a {@link QualityReport}; {@link #setDatasets} and {@link #addModel} (at least one) are required. */
    public static final class Builder {
        private Path datasets;
        private final List<ReportModel> models = new ArrayList<>();
        private LandmarkEstimator estimator;
        private boolean quick;
        private int gridFaces = 12;
        private Integer celebaValCount;
        private Integer fsrnetLimit;
        private int crop;
        private SpeedBenchmark speed1;
        private SpeedBenchmark speed32;
        private String command = "./fsr report";
        private String commit = "unknown";
        private PrintWriter progress;

        private Builder() {}

        /**
         * Sets the shared datasets folder.
         *
         * @param datasets the folder holding {@code fsrnet-test/} and {@code celeba/}
         * @return this builder
         */
        public Builder setDatasets(Path datasets) {
            this.datasets = datasets;
            return this;
        }

        /**
         * Adds a model (the bicubic baseline should come first). The caller keeps ownership.
         *
         * @param model the model
         * @return this builder
         */
        public Builder addModel(ReportModel model) {
            models.add(Objects.requireNonNull(model, "model"));
            return this;
        }

        /**
         * Sets the landmark estimator; without one the landmark section says "not measured".
         *
         * @param estimator the estimator, or null
         * @return this builder
         */
        public Builder optLandmarkEstimator(LandmarkEstimator estimator) {
            this.estimator = estimator;
            return this;
        }

        /**
         * Uses the smoke-test sizes: 50 faces per set and short speed runs (unless set explicitly).
         *
         * @param quick whether to run quickly
         * @return this builder
         */
        public Builder optQuick(boolean quick) {
            this.quick = quick;
            return this;
        }

        /**
         * Sets the rows of the picture grid (default 12).
         *
         * @param gridFaces at least 1
         * @return this builder
         */
        public Builder optGridFaces(int gridFaces) {
            this.gridFaces = gridFaces;
            return this;
        }

        /**
         * Sets how many CelebA validation faces to measure (default 500, 50 with quick).
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder optCelebaValCount(int count) {
            this.celebaValCount = count;
            return this;
        }

        /**
         * Limits the faces read from each FSRNet test set (default all, 50 with quick).
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder optFsrnetLimit(int limit) {
            this.fsrnetLimit = limit;
            return this;
        }

        /**
         * Sets the border crop before measuring (default 0).
         *
         * @param crop pixels removed from each border, at least 0
         * @return this builder
         */
        public Builder optCrop(int crop) {
            this.crop = crop;
            return this;
        }

        /**
         * Sets the speed runs at batch 1 and batch 32.
         *
         * @param batch1 warm-up and timed calls at batch 1
         * @param batch32 warm-up and timed calls at batch 32
         * @return this builder
         */
        public Builder optSpeed(SpeedBenchmark batch1, SpeedBenchmark batch32) {
            this.speed1 = batch1;
            this.speed32 = batch32;
            return this;
        }

        /**
         * Sets the command line and commit the report states.
         *
         * @param command the command that made the report
         * @param commit the git commit, or "unknown"
         * @return this builder
         */
        public Builder optProvenance(String command, String commit) {
            this.command = Objects.requireNonNull(command, "command");
            this.commit = Objects.requireNonNull(commit, "commit");
            return this;
        }

        /**
         * Sets where progress lines go (default nowhere).
         *
         * @param progress the writer, or null
         * @return this builder
         */
        public Builder optProgress(PrintWriter progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Validates the settings and builds the report.
         *
         * @return the report
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public QualityReport build() {
            if (datasets == null) {
                throw new IllegalArgumentException("QualityReport needs setDatasets(<the shared datasets folder>)");
            }
            if (models.isEmpty()) {
                throw new IllegalArgumentException("QualityReport needs at least one model (addModel), e.g. bicubic");
            }
            if (gridFaces < 1) {
                throw new IllegalArgumentException("The grid needs at least 1 face, got " + gridFaces);
            }
            if (celebaValCount != null && celebaValCount < 1 || fsrnetLimit != null && fsrnetLimit < 1) {
                throw new IllegalArgumentException("Face counts must be at least 1");
            }
            if (crop < 0) {
                throw new IllegalArgumentException("The border crop must be >= 0, got " + crop);
            }
            return new QualityReport(this);
        }
    }
}
