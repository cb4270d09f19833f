package dev.facesr.examples.cli;

import dev.facesr.examples.report.BicubicModel;
import dev.facesr.examples.report.LandmarkEstimator;
import dev.facesr.examples.report.QualityReport;
import dev.facesr.examples.report.QualityResults;
import dev.facesr.examples.report.ReportModel;
import dev.facesr.examples.report.ReportModelResolver;
import dev.facesr.examples.report.ReportModelResolvers;
import dev.facesr.examples.report.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsr report}: regenerates the quality report ({@code quality.md}, {@code quality.json},
 * {@code quality-grid.png}) by measuring the bicubic baseline and the chosen models on the FSRNet
 * test sets and CelebA validation faces. See {@link QualityReport} for what is measured.
 *
 * <p>Models are found by name through the built-in resolvers ({@code bicubic}, trained folders
 * given with {@code --model-dir}) and any {@link ReportModelResolver} registered for {@link
 * ServiceLoader}; the landmark section uses the first registered {@link LandmarkEstimator}, if
 * any (fsr-examples registers {@link dev.facesr.examples.report.ZooLandmarks68}, the shipped
 * {@code landmarks68}) and unless {@code --no-landmarks} is given.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Regenerates the quality report (OUT/quality.md, quality.json, quality-grid.png): Y-PSNR/Y-SSIM of"
                    + " bicubic and each model at 8x on FSRNet CelebA-1000 and Helen-50 and at 4x/6.4x/8x on CelebA"
                    + " val, landmark error on Helen-50, ms per face, and a picture grid. LR inputs are made from"
                    + " the ground truth with MATLAB bicubic (8-bit).",
            ""
        })
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "NAME",
            description = "Models to report, comma-separated (default: every known model). bicubic is always"
                    + " included as the baseline.")
    List<String> models = new ArrayList<>();

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "A trained generator folder (the trainer's OUT/final: <model>.params + training.json);"
                    + " repeatable. Its model is known by the name in training.json.")
    List<Path> modelDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs",
            description = "Where to write quality.md, quality.json and quality-grid.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--datasets", paramLabel = "DIR",
            description = "The shared datasets folder (default: -Dfsr.datasets or ../shared/datasets).")
    Path datasets;

    @Option(names = "--grid-faces", paramLabel = "N", defaultValue = "12",
            description = "Rows (faces) of the picture grid (default: ${DEFAULT-VALUE}).")
    int gridFaces;

    @Option(names = "--celeba-val", paramLabel = "N",
            description = "CelebA validation faces to measure, the first N sorted by name (default: 500, 50 with --quick).")
    Integer celebaVal;

    @Option(names = "--crop", paramLabel = "N", defaultValue = "0",
            description = "Pixels removed from each border before measuring (default: ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--no-landmarks", description = "Skip the landmark section even when a landmark model is"
            + " registered (it then says \"not measured\").")
    boolean noLandmarks;

    @Option(names = "--quick", description = "Smoke test: 50 faces per set and short speed runs (well under a minute"
            + " for bicubic).")
    boolean quick;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = spec.commandLine();
        PrintWriter err = cl.getErr();
        if (gridFaces < 1) {
            throw new CommandLine.ParameterException(cl, "--grid-faces must be at least 1, got " + gridFaces);
        }
        if (celebaVal != null && celebaVal < 1) {
            throw new CommandLine.ParameterException(cl, "--celeba-val must be at least 1, got " + celebaVal);
        }
        if (crop < 0) {
            throw new CommandLine.ParameterException(cl, "--crop must be >= 0, got " + crop);
        }
        Path root = datasets != null ? datasets : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));

        List<ReportModelResolver> resolvers = new ArrayList<>();
        resolvers.add(ReportModelResolvers.builtin());
        resolvers.addAll(ReportModelResolvers.registered());
        try {
            resolvers.add(ReportModelResolvers.trainedFolders(modelDirs));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        ReportModelResolver resolver = ReportModelResolvers.chain(resolvers);
        Set<String> names = new LinkedHashSet<>();
        names.add(BicubicModel.NAME);
        names.addAll(models.isEmpty() ? resolver.names() : models);
        for (String n : names) {
            if (!resolver.names().contains(n)) {
                throw new CommandLine.ParameterException(cl, "Unknown model '" + n + "'; known models: "
                        + String.join(", ", resolver.names()) + " (add a trained folder with --model-dir DIR)");
            }
        }

        List<ReportModel> opened = new ArrayList<>();
        LandmarkEstimator estimator = null;
        try {
            for (String n : names) {
                opened.add(resolver.open(n));
            }
            if (!noLandmarks) {
                try {
                    Iterator<LandmarkEstimator> found = ServiceLoader.load(LandmarkEstimator.class).iterator();
                    estimator = found.hasNext() ? found.next() : null;
                } catch (ServiceConfigurationError e) {
                    // e.g. the registered landmark model has no trained weights in this build
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    err.println("fsr report: no landmark section: " + cause.getMessage());
                }
            }
            QualityReport.Builder b = QualityReport.builder()
                    .setDatasets(root)
                    .optQuick(quick)
                    .optGridFaces(gridFaces)
                    .optCrop(crop)
                    .optLandmarkEstimator(estimator)
                    .optProvenance(commandLine(), gitCommit())
                    .optProgress(err);
            if (celebaVal != null) {
                b.optCelebaValCount(celebaVal);
            }
            opened.forEach(b::addModel);
            QualityResults results = b.build().run();
            ReportWriter.write(results, out);
            PrintWriter o = cl.getOut();
            o.println("wrote " + out.resolve(ReportWriter.MARKDOWN) + ", " + out.resolve(ReportWriter.JSON) + " and "
                    + out.resolve(ReportWriter.GRID) + " (" + String.format(java.util.Locale.ROOT, "%.0f",
                            results.run().seconds()) + " s)");
            o.flush();
            return ExitCodes.OK;
        } finally {
            for (ReportModel m : opened) {
                m.close();
            }
            if (estimator != null) {
                estimator.close();
            }
        }
    }

    private String commandLine() {
        // The parse result holds the whole command line, including the sub-command's name.
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        List<String> args = at < 0 ? all : all.subList(at + 1, all.size());
        StringBuilder s = new StringBuilder("./fsr report");
        for (String a : args) {
            s.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
        }
        return s.toString();
    }

    /** The short commit of the working directory's git checkout, or "unknown". */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(false).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
                return "unknown";
            }
            return p.exitValue() == 0 && !text.isEmpty() ? text : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
