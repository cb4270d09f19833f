package dev.facesr.examples.cli;

import dev.facesr.models.zoo.TestTimeAugmentation;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.ModelNotFoundException;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.examples.report.TrainedGeneratorUpscaler;
import dev.facesr.core.pipeline.LandmarkEstimator;
import dev.facesr.models.detect.BoxTemplateLandmarks;
import dev.facesr.models.zoo.ZooLandmarkEstimator;
import dev.facesr.models.detect.HaarFaceDetector;
import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.PhotoInput;
import dev.facesr.models.facade.UpscaleResult;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fsr upscale}: super-resolves the faces of photos (or aligned face crops) with the FaceSR
 * facade and writes the results.
 *
 * <p>Inputs are files or folders (searched recursively for png, jpg, jpeg, bmp, gif, tif, tiff;
 * hidden files are skipped). Photos go through {@link HaarFaceDetector} (default settings, {@code
 * --min-face}) and the approximate {@link BoxTemplateLandmarks}; {@code --aligned} treats every
 * input as a face crop already aligned to the model's framing ({@link FaceSR#upscaleAligned}).
 *
 * <p>Output naming: with one input file and {@code -o} naming an image file (png, jpg, jpeg or
 * bmp, not an existing folder), the result goes there. Otherwise {@code -o} is a folder (default
 * {@code upscaled}): with one input folder it mirrors that folder's tree; with several inputs, a
 * file goes to {@code OUT/<name>.png} and a folder to {@code OUT/<folder name>/<tree>}. Results
 * are PNG. A file that cannot be read or processed is reported on standard error and skipped; the
 * rest are still done and the exit code is {@link ExitCodes#FAILED}. A progress bar goes to
 * standard error for more than one file when it is a terminal.
 */
@Command(
        name = "upscale",
        mixinStandardHelpOptions = true,
        description = {
            "Super-resolve the faces of photos (detected with OpenCV's Haar cascade, landmarks placed by"
                    + " the approximate box template) or of aligned face crops (--aligned).",
            ""
        })
public final class UpscaleCommand implements Callable<Integer> {

    /** The file name extensions picked up in input folders. */
    static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private static final List<String> OUTPUT_EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders (searched recursively).")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", defaultValue = "upscaled",
            description = "Output folder (mirrors the input tree), or an image file for a single input file"
                    + " (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--scale", paramLabel = "N",
            description = "Scale factor. Without --model: the enlargement of whole photos (default 8; faces are"
                    + " restored by fsr-x8, or fsr-x4 when too large for it), or 4 or 8 for --aligned crops"
                    + " (fsr-x4 or fsr-x8). With --model/--model-dir: required for a refine-mode generator, and"
                    + " must match a fixed-scale model.")
    Double scale;

    @Option(names = "--aligned", description = "Inputs are face crops already aligned to the model's framing.")
    boolean aligned;

    @Option(names = "--min-face", paramLabel = "PX", defaultValue = "20",
            description = "Smallest face side to detect, in pixels; below 20 the photo is upscaled first"
                    + " (slower). Default: ${DEFAULT-VALUE}.")
    int minFace;

    /** Where the 5 alignment points of a detected face come from. */
    enum LandmarkSource {
        /** {@code BoxTemplateLandmarks.forHaarAlt2()}: approximate, from the Haar box only. */
        box,
        /** The trained 68-point model {@code landmarks68} ({@code ZooLandmarkEstimator.load()}). */
        landmarks68
    }

    @Option(names = "--landmarks", paramLabel = "SOURCE", defaultValue = "box",
            description = "How the alignment points of each detected face are found: box (approximate positions"
                    + " in the Haar box) or landmarks68 (the trained 68-point model). Default: ${DEFAULT-VALUE}.")
    LandmarkSource landmarks;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModelChoice model;

    @Option(names = "--tta", paramLabel = "MODE", defaultValue = "none", converter = TtaConverter.class,
            description = "Test-time augmentation: none, or flip (also restore the mirrored face and average;"
                    + " twice the time, about +0.05 dB on CelebA-1000). Default: ${DEFAULT-VALUE}.")
    TestTimeAugmentation tta;

    /** Parses {@code --tta}. */
    static final class TtaConverter implements CommandLine.ITypeConverter<TestTimeAugmentation> {
        @Override
        public TestTimeAugmentation convert(String value) {
            return TestTimeAugmentation.of(value);
        }
    }

    /** Where the SR model comes from: a name or a trained folder. */
    static final class ModelChoice {
        @Option(names = "--model", paramLabel = "NAME", description = "A shipped SR model with trained weights"
                + " (default: " + FaceSR.Builder.DEFAULT_MODEL + ").")
        String name;

        @Option(names = "--model-dir", paramLabel = "DIR", description = "A model directory in the zoo layout"
                + " (DIR/model-card.json) or a trained generator folder (DIR/<name>.params and"
                + " DIR/training.json, as the trainers write to OUT/final).")
        Path dir;
    }

    private final UpscalerResolver resolver;

    /** Creates the command with {@link UpscalerResolver#defaultResolver()}. */
    public UpscaleCommand() {
        this(UpscalerResolver.defaultResolver());
    }

    /**
     * Creates the command with another model-name resolver.
     *
     * @param resolver resolves {@code --model NAME}
     */
    public UpscaleCommand(UpscalerResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (scale != null && !(scale > 1 && scale <= FaceSR.Builder.MAX_SCALE)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--scale must be in (1, " + (int) FaceSR.Builder.MAX_SCALE + "], got " + scale);
        }
        if (minFace < 8) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-face must be at least 8 px (the detector cannot see smaller faces), got " + minFace);
        }
        List<String> problems = new ArrayList<>();
        Map<Path, Path> jobs = plan(problems);
        for (String p : problems) {
            err.println("fsr upscale: skipped " + p);
        }
        if (jobs.isEmpty()) {
            err.println("fsr upscale: error: no input image found in " + inputs);
            err.flush();
            return ExitCodes.FAILED;
        }
        int failed = problems.size();
        try (FaceSR sr = openFaceSR()) {
            out.printf(Locale.ROOT, "model %s: %dx%d -> %dx%d%s, %d file(s)%n", sr.upscaler().name(),
                    sr.upscaler().inputSize(), sr.upscaler().inputSize(), sr.upscaler().outputSize(),
                    sr.upscaler().outputSize(), sr.largeFaceUpscaler().map(u -> "; larger faces: " + u.name() + " "
                            + u.inputSize() + "x" + u.inputSize() + " -> " + u.outputSize() + "x" + u.outputSize())
                            .orElse(""), jobs.size());
            out.flush();
            FileProgress progress = new FileProgress(err, jobs.size(), jobs.size() > 1 && System.console() != null);
            int done = 0;
            for (Map.Entry<Path, Path> job : jobs.entrySet()) {
                try {
                    out.println(job.getKey() + " -> " + job.getValue() + " (" + process(sr, job.getKey(), job.getValue())
                            + ")");
                } catch (RuntimeException | IOException e) {
                    failed++;
                    err.println((progress.isEnabled() ? "\r" : "") + "fsr upscale: skipped " + job.getKey() + ": "
                            + describe(e));
                }
                done++;
                progress.update(done, failed);
            }
            progress.finish();
        }
        int total = jobs.size() + problems.size();
        out.printf(Locale.ROOT, "upscaled %d of %d file(s) into %s%s%n", total - failed, total, output,
                failed == 0 ? "" : "; " + failed + " failed (see standard error)");
        out.flush();
        err.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Builds the facade; on failure closes whatever was already opened. */
    private FaceSR openFaceSR() {
        boolean defaults = model == null;
        FaceUpscaler upscaler = defaults ? resolver.resolve(defaultMainModel(), null, tta) : openUpscaler();
        FaceUpscaler large = null;
        HaarFaceDetector detector = null;
        LandmarkEstimator estimator = null;
        try {
            detector = HaarFaceDetector.builder().optMinFaceSize(minFace).build();
            estimator = landmarks == LandmarkSource.landmarks68 ? ZooLandmarkEstimator.load()
                    : BoxTemplateLandmarks.forHaarAlt2();
            FaceSR.Builder b = FaceSR.builder()
                    .optDetector(detector)
                    .optLandmarkEstimator(estimator)
                    .optUpscaler(upscaler);
            if (defaults && !aligned) {
                // the library's default pair: fsr-x8 for small faces, fsr-x4 for faces too large for it;
                // --scale is then the enlargement of the whole photo
                large = resolver.resolve(FaceSR.Builder.DEFAULT_LARGE_FACE_MODEL, null, tta);
                b.optLargeFaceUpscaler(large);
                if (scale != null) {
                    b.optScale(scale);
                }
            }
            return b.build();
        } catch (RuntimeException e) {
            upscaler.close();
            if (large != null) {
                large.close();
            }
            if (detector != null) {
                detector.close();
            }
            if (estimator != null) {
                estimator.close();
            }
            throw e;
        }
    }

    /** The default model: fsr-x8, or fsr-x4 for aligned crops at --scale 4. */
    private String defaultMainModel() {
        if (aligned && scale != null) {
            if (scale == 4) {
                return FaceSR.Builder.DEFAULT_LARGE_FACE_MODEL;
            }
            if (scale != 8) {
                throw new IllegalArgumentException("Aligned crops are upscaled by the shipped models, 4x (fsr-x4) or"
                        + " 8x (fsr-x8), not " + scale + "x; use --scale 4 or 8, or --model/--model-dir");
            }
        }
        return FaceSR.Builder.DEFAULT_MODEL;
    }

    private FaceUpscaler openUpscaler() {
        if (model != null && model.dir != null) {
            if (!Files.isDirectory(model.dir)) {
                throw new IllegalArgumentException("--model-dir " + model.dir + " is not a folder");
            }
            if (Files.isRegularFile(model.dir.resolve(ModelCard.FILE_NAME))) {
                try {
                    return FsrModelZoo.upscaler(model.dir, tta);
                } catch (IOException | ModelNotFoundException | MalformedModelException e) {
                    throw new IllegalArgumentException("--model-dir " + model.dir + ": " + e.getMessage(), e);
                }
            }
            if (tta != TestTimeAugmentation.NONE) {
                throw new IllegalArgumentException("--tta " + tta.id() + " needs a model directory in the zoo layout"
                        + " (DIR/model-card.json); " + model.dir + " is a trained generator folder");
            }
            return TrainedGeneratorUpscaler.load(model.dir, scale);
        }
        return resolver.resolve(model == null ? FaceSR.Builder.DEFAULT_MODEL : model.name, scale, tta);
    }

    private String process(FaceSR sr, Path in, Path target) throws IOException {
        BufferedImage image;
        String what;
        if (aligned) {
            image = sr.upscaleAligned(PhotoInput.of(in));
            what = "aligned crop";
        } else {
            UpscaleResult r = sr.upscale(in);
            image = r.image();
            what = r.faces().size() + " face(s), " + r.restoredCount() + " restored";
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String format = extension(target.getFileName().toString());
        format = format.equals("jpg") ? "jpeg" : format;
        if (!ImageIO.write(image, format, target.toFile())) {
            throw new IOException("no image writer for " + format);
        }
        return what;
    }

    /** Maps every input image to its output path; unreadable inputs and clashes go to {@code problems}. */
    private Map<Path, Path> plan(List<String> problems) {
        Map<Path, Path> jobs = new LinkedHashMap<>();
        Set<Path> targets = new HashSet<>();
        boolean singleFile = inputs.size() == 1 && Files.isRegularFile(inputs.get(0));
        if (singleFile && OUTPUT_EXTENSIONS.contains(extension(output.getFileName().toString()))
                && !Files.isDirectory(output)) {
            jobs.put(inputs.get(0), output);
            return jobs;
        }
        boolean mirrorOne = inputs.size() == 1 && Files.isDirectory(inputs.get(0));
        Path outAbs = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (Files.isRegularFile(in)) {
                add(jobs, targets, problems, in, output.resolve(png(in.getFileName().toString())));
            } else if (Files.isDirectory(in)) {
                Path base = mirrorOne ? output : output.resolve(in.toAbsolutePath().normalize().getFileName().toString());
                List<Path> files;
                try (Stream<Path> walk = Files.walk(in)) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs))
                            .filter(p -> !isHidden(in, p))
                            .filter(p -> EXTENSIONS.contains(extension(p.getFileName().toString())))
                            .sorted()
                            .collect(Collectors.toList());
                } catch (IOException | UncheckedIOException e) {
                    problems.add(in + ": cannot list the folder: " + e.getMessage());
                    continue;
                }
                for (Path f : files) {
                    Path rel = in.relativize(f);
                    Path parent = rel.getParent();
                    Path target = (parent == null ? base : base.resolve(parent.toString()))
                            .resolve(png(rel.getFileName().toString()));
                    add(jobs, targets, problems, f, target);
                }
            } else {
                problems.add(in + ": no such file or folder");
            }
        }
        return jobs;
    }

    private static void add(Map<Path, Path> jobs, Set<Path> targets, List<String> problems, Path in, Path target) {
        if (!targets.add(target.toAbsolutePath().normalize())) {
            problems.add(in + ": its output " + target + " is already the output of another input (same name)");
        } else {
            jobs.put(in, target);
        }
    }

    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String png(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot > 0 ? fileName.substring(0, dot) : fileName) + ".png";
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
