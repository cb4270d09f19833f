package dev.facesr.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.facesr.metrics.ChannelMode;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import dev.facesr.metrics.image.BicubicRoundTrip;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsr evaluate}: PSNR and SSIM of a folder of super-resolved faces against their
 * ground truth, or of the bicubic baseline made from the ground truth itself.
 *
 * <p>Files are matched by base name (png, jpg, jpeg or bmp on either side). Every mismatch is
 * reported by name: files missing on either side, two files with one base name, different sizes,
 * unreadable images; any of them makes the command fail with {@link ExitCodes#FAILED}. Grey images
 * are converted to RGB. The table of means and the worst images goes to standard output; a
 * progress line goes to standard error only when it is a terminal.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "PSNR and SSIM of super-resolved faces against the ground truth (files matched by base"
                    + " name), or of the bicubic baseline (--baseline bicubic --scale S) made from the"
                    + " ground truth. Conventions: docs/metrics.md.",
            ""
        })
public final class EvaluateCommand implements Callable<Integer> {
    static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp");

    /** The baselines the command can make itself. */
    enum Baseline {
        bicubic
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--sr", paramLabel = "DIR", description = "Folder of super-resolved images.")
    Path srDir;

    @Option(names = "--hr", paramLabel = "DIR", required = true, description = "Folder of ground-truth images.")
    Path hrDir;

    @Option(names = "--baseline", paramLabel = "KIND",
            description = "Evaluate a baseline made from --hr instead of --sr: ${COMPLETION-CANDIDATES}"
                    + " (shrink by --scale with MATLAB bicubic, quantise to 8 bits, enlarge back, quantise).")
    Baseline baseline;

    @Option(names = "--scale", paramLabel = "S", description = "Scale factor of the baseline, > 1 (e.g. 8).")
    Double scale;

    @Option(names = "--y", description = "Measure on the BT.601 luma Y (MATLAB rgb2ycbcr) instead of RGB.")
    boolean luma;

    @Option(names = "--crop", paramLabel = "N", defaultValue = "0",
            description = "Pixels removed from each border before measuring (default: ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--json", paramLabel = "FILE", description = "Write per-image and mean values as JSON.")
    Path json;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "5",
            description = "How many lowest-PSNR images to list (default: ${DEFAULT-VALUE}).")
    int worst;

    /** One evaluated pair. */
    static final class Row {
        final String name;
        final Path sr;
        final Path hr;
        final double psnr;
        final double ssim;

        Row(String name, Path sr, Path hr, double psnr, double ssim) {
            this.name = name;
            this.sr = sr;
            this.hr = hr;
            this.psnr = psnr;
            this.ssim = ssim;
        }
    }

    @Override
    public Integer call() throws IOException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChannelMode mode = luma ? ChannelMode.Y : ChannelMode.RGB;
        Psnr psnr = Psnr.builder().optChannels(mode).optCrop(crop).build();
        Ssim ssim = Ssim.builder().optChannels(mode).optCrop(crop).build();

        List<String> problems = new ArrayList<>();
        Map<String, Path> hrFiles = listImages(hrDir, "--hr", problems);
        Map<String, Path> srFiles = srDir == null ? hrFiles : listImages(srDir, "--sr", problems);
        if (srDir != null) {
            List<String> noSr = difference(hrFiles, srFiles);
            List<String> noHr = difference(srFiles, hrFiles);
            if (!noSr.isEmpty()) {
                problems.add(noSr.size() + " file(s) in --hr " + hrDir + " have no match in --sr " + srDir + ": "
                        + names(noSr, hrFiles));
            }
            if (!noHr.isEmpty()) {
                problems.add(noHr.size() + " file(s) in --sr " + srDir + " have no match in --hr " + hrDir + ": "
                        + names(noHr, srFiles));
            }
        }
        if (hrFiles.isEmpty() && problems.isEmpty()) {
            problems.add("no images (" + String.join("/", EXTENSIONS) + ") in --hr " + hrDir);
        }
        if (!problems.isEmpty()) {
            return fail(err, problems);
        }

        boolean progress = System.console() != null;
        List<Row> rows = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, Path> e : hrFiles.entrySet()) {
            Path hrPath = e.getValue();
            Path srPath = srFiles.get(e.getKey());
            try {
                FloatImage hr = ImageConversions.read(hrPath);
                FloatImage sr = baseline != null ? BicubicRoundTrip.apply(hr, scale, true) : ImageConversions.read(srPath);
                if (sr.height() != hr.height() || sr.width() != hr.width()) {
                    problems.add("different sizes: " + srPath + " is " + sr.width() + "x" + sr.height() + " but "
                            + hrPath + " is " + hr.width() + "x" + hr.height());
                } else {
                    rows.add(new Row(e.getKey(), baseline != null ? null : srPath, hrPath,
                            psnr.compute(sr, hr), ssim.compute(sr, hr)));
                }
            } catch (IOException ex) {
                problems.add(ex.getMessage());
            } catch (IllegalArgumentException ex) {
                problems.add(hrPath.getFileName() + ": " + ex.getMessage());
            }
            done++;
            if (progress && (done % 50 == 0 || done == hrFiles.size())) {
                err.print("\revaluated " + done + "/" + hrFiles.size());
                err.flush();
            }
        }
        if (progress) {
            err.println();
        }
        if (!problems.isEmpty()) {
            return fail(err, problems);
        }
        Summary summary = new Summary(rows);
        printTable(out, summary, rows, mode);
        if (json != null) {
            writeJson(summary, rows, mode);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if ((srDir == null) == (baseline == null)) {
            throw new CommandLine.ParameterException(cl, "Give either --sr DIR or --baseline bicubic (with --scale S), not "
                    + (srDir == null ? "neither" : "both"));
        }
        if (baseline != null && scale == null) {
            throw new CommandLine.ParameterException(cl, "--baseline needs --scale S (e.g. --scale 8)");
        }
        if (baseline == null && scale != null) {
            throw new CommandLine.ParameterException(cl, "--scale only applies to --baseline");
        }
        if (scale != null && (!(scale > 1) || scale.isInfinite())) {
            throw new CommandLine.ParameterException(cl, "--scale must be a number > 1, got " + scale);
        }
        if (crop < 0) {
            throw new CommandLine.ParameterException(cl, "--crop must be >= 0, got " + crop);
        }
        if (worst < 0) {
            throw new CommandLine.ParameterException(cl, "--worst must be >= 0, got " + worst);
        }
    }

    private int fail(PrintWriter err, List<String> problems) {
        err.println("fsr evaluate: error: the folders cannot be evaluated (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):");
        int shown = 0;
        for (String p : problems) {
            if (shown++ == 20) {
                err.println("  ... and " + (problems.size() - 20) + " more");
                break;
            }
            err.println("  " + p);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    /** Maps base name to file; reports a missing folder and base names used twice. */
    static Map<String, Path> listImages(Path dir, String option, List<String> problems) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add(option + " " + dir + " is not a folder");
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path f : files) {
            String file = f.getFileName().toString();
            int dot = file.lastIndexOf('.');
            if (dot <= 0 || !EXTENSIONS.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            Path previous = out.put(file.substring(0, dot), f);
            if (previous != null) {
                problems.add("two files with the base name '" + file.substring(0, dot) + "' in " + option + ": "
                        + previous.getFileName() + " and " + file);
            }
        }
        return out;
    }

    private static List<String> difference(Map<String, Path> a, Map<String, Path> b) {
        return a.keySet().stream().filter(k -> !b.containsKey(k)).collect(Collectors.toList());
    }

    private static String names(List<String> keys, Map<String, Path> files) {
        int max = 10;
        String shown = keys.stream().limit(max).map(k -> files.get(k).getFileName().toString())
                .collect(Collectors.joining(", "));
        return keys.size() > max ? shown + ", ... (" + (keys.size() - max) + " more)" : shown;
    }

    /** Means over the evaluated pairs. */
    static final class Summary {
        final int count;
        final int identical;
        final double meanPsnr;
        final double meanPsnrFinite;
        final double meanSsim;

        Summary(List<Row> rows) {
            count = rows.size();
            int inf = 0;
            double sp = 0;
            double sf = 0;
            double ss = 0;
            for (Row r : rows) {
                sp += r.psnr;
                ss += r.ssim;
                if (Double.isInfinite(r.psnr)) {
                    inf++;
                } else {
                    sf += r.psnr;
                }
            }
            identical = inf;
            meanPsnr = sp / count;
            meanPsnrFinite = count == inf ? Double.NaN : sf / (count - inf);
            meanSsim = ss / count;
        }
    }

    private String describeSource() {
        return baseline != null
                ? "bicubic x" + (scale == Math.rint(scale) ? String.valueOf(scale.longValue()) : scale.toString()) + " baseline (MATLAB imresize on uint8) of " + hrDir
                : srDir.toString();
    }

    private void printTable(PrintWriter out, Summary s, List<Row> rows, ChannelMode mode) {
        out.println("sr: " + describeSource());
        out.println("hr: " + hrDir);
        out.println("channels: " + (mode == ChannelMode.Y ? "Y (BT.601, MATLAB rgb2ycbcr)" : "RGB")
                + ", border crop: " + crop + ", PSNR peak 255, SSIM gaussian 11x11 sigma 1.5");
        out.println();
        out.printf(Locale.ROOT, "%-10s %12s%n", "metric", "mean");
        out.printf(Locale.ROOT, "%-10s %12s%n", "PSNR (dB)", fmt(s.meanPsnr, 4));
        out.printf(Locale.ROOT, "%-10s %12s%n", "SSIM", fmt(s.meanSsim, 5));
        out.printf(Locale.ROOT, "%-10s %12d%n", "count", s.count);
        if (s.identical > 0) {
            out.printf(Locale.ROOT, "%d identical pair(s) have PSNR +inf; mean PSNR of the others: %s dB%n",
                    s.identical, fmt(s.meanPsnrFinite, 4));
        }
        if (worst > 0) {
            out.println();
            out.println("lowest PSNR:");
            out.printf(Locale.ROOT, "  %-32s %10s %9s%n", "image", "PSNR (dB)", "SSIM");
            rows.stream().sorted(Comparator.comparingDouble((Row r) -> r.psnr).thenComparing(r -> r.name))
                    .limit(worst)
                    .forEach(r -> out.printf(Locale.ROOT, "  %-32s %10s %9s%n", r.hr.getFileName(), fmt(r.psnr, 4),
                            fmt(r.ssim, 5)));
        }
    }

    private void writeJson(Summary s, List<Row> rows, ChannelMode mode) throws IOException {
        JsonObject root = new JsonObject();
        JsonObject settings = new JsonObject();
        settings.addProperty("sr", srDir == null ? null : srDir.toString());
        settings.addProperty("hr", hrDir.toString());
        if (baseline != null) {
            settings.addProperty("baseline", baseline.name());
            settings.addProperty("scale", scale);
        }
        settings.addProperty("channels", mode.name());
        settings.addProperty("crop", crop);
        settings.addProperty("psnrPeak", 255);
        settings.addProperty("ssim", "gaussian 11x11, sigma 1.5, K1 0.01, K2 0.03, data range 255");
        root.add("settings", settings);
        JsonObject mean = new JsonObject();
        mean.addProperty("count", s.count);
        addNumber(mean, "psnr", s.meanPsnr);
        mean.addProperty("ssim", s.meanSsim);
        mean.addProperty("identicalPairs", s.identical);
        addNumber(mean, "psnrOfNonIdentical", s.meanPsnrFinite);
        root.add("mean", mean);
        JsonArray images = new JsonArray();
        for (Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("name", r.name);
            o.addProperty("hr", r.hr.toString());
            if (r.sr != null) {
                o.addProperty("sr", r.sr.toString());
            }
            addNumber(o, "psnr", r.psnr);
            o.addProperty("ssim", r.ssim);
            images.add(o);
        }
        root.add("images", images);
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root, w);
        }
    }

    /** JSON has no infinity: +inf PSNR (identical images) is written as null. */
    private static void addNumber(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }

    private static String fmt(double v, int digits) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
