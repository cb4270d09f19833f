package dev.facesr.examples.cli;

import ai.djl.translate.TranslateException;
import dev.facesr.core.train.RunResult;
import dev.facesr.core.train.TrainingRun;
import dev.facesr.core.train.config.AssembledRun;
import dev.facesr.core.train.config.ComponentRegistries;
import dev.facesr.core.train.config.RunAssembler;
import dev.facesr.core.train.config.RunConfig;
import dev.facesr.core.train.config.RunConfigLoader;
import dev.facesr.core.train.log.FigureLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsr train --config FILE}: runs a training run described by a YAML or JSON file
 * (format: {@code docs/training.md}; examples: {@code recipes/}), resuming from the newest valid
 * checkpoint in the configured directory, then prints a summary.
 *
 * <p>Exit codes: {@link ExitCodes#OK} when the run finished; {@link ExitCodes#USAGE} when the
 * configuration is wrong (unreadable, malformed, an unknown name or argument: the message gives
 * the file, the line or the entry, and the known names); {@link ExitCodes#FAILED} when training
 * itself failed (data that cannot be read, a diverging loss). No stack trace unless
 * {@code -Dfsr.stacktrace=true}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train models from a run configuration (YAML or JSON; see docs/training.md and the"
                    + " examples in recipes/). Resumes from the configured checkpoint directory.",
            ""
        })
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The run configuration (.yaml, .yml or .json).")
    Path config;

    @Option(names = "--steps-override", paramLabel = "N",
            description = "Run every stage for N steps instead of the configured steps/epochs"
                    + " (a quick trial of a configuration).")
    Long stepsOverride;

    @Option(names = "--fresh",
            description = "Start from scratch: existing checkpoints are moved to a"
                    + " 'previous-<time>' folder inside the checkpoint directory.")
    boolean fresh;

    /** Makes the command (picocli fills the options). */
    public TrainCommand() {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AssembledRun assembled;
        Path checkpoints;
        try {
            if (!Files.isRegularFile(config)) {
                return usage(err, "no configuration file " + config);
            }
            if (stepsOverride != null && stepsOverride < 1) {
                return usage(err, "--steps-override must be at least 1, got " + stepsOverride);
            }
            RunConfig runConfig = RunConfigLoader.load(config);
            if (stepsOverride != null) {
                runConfig = runConfig.withStageSteps(stepsOverride);
            }
            Path base = config.toAbsolutePath().getParent();
            assembled = new RunAssembler(ComponentRegistries.discover()).assemble(runConfig, base);
            checkpoints = base.resolve(runConfig.checkpoints().directory()).normalize();
            if (runConfig.log() == null || runConfig.log().file() == null) {
                Files.createDirectories(checkpoints);
                assembled.builder().addObserver(new FigureLog(checkpoints.resolve("figures.csv"),
                        FigureLog.Format.CSV));
            }
        } catch (IOException e) {
            return usage(err, e.getMessage(), e);  // names the file and the line
        } catch (IllegalArgumentException e) {
            return usage(err, config + ": " + e.getMessage(), e);
        }
        if (fresh) {
            moveCheckpointsAway(checkpoints, err);
            assembled.builder().optResume(false);
        }
        Instant start = Instant.now();
        RunResult result;
        try (TrainingRun run = assembled.builder().build()) {
            result = run.run();
        } catch (IllegalArgumentException e) {
            // wrong settings found when the run is built (e.g. shapes that do not fit)
            return usage(err, config + ": " + e.getMessage(), e);
        } catch (RuntimeException | IOException | TranslateException e) {
            err.println("fsr train: error: training failed: " + e.getMessage());
            stackTrace(err, e);
            err.flush();
            return ExitCodes.FAILED;
        }
        printSummary(out, result, checkpoints, Duration.between(start, Instant.now()));
        return ExitCodes.OK;
    }

    private void printSummary(PrintWriter out, RunResult result, Path checkpoints,
            Duration elapsed) {
        out.println("training finished at step " + result.globalStep()
                + (result.resumedFromStep() >= 0
                        ? " (resumed from step " + result.resumedFromStep() + ")" : "")
                + ": " + result.stepsRunHere() + " steps in this run, "
                + String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        Map<String, Double> figures = new TreeMap<>(result.lastFigures());
        if (!figures.isEmpty()) {
            out.println("last figures:");
            figures.forEach((name, value) -> out.println(String.format(Locale.ROOT,
                    "  %-32s %.6g", name, value)));
        }
        out.println("checkpoints: " + checkpoints);
        out.flush();
    }

    /** Moves {@code ckpt-*.fsrckpt} files into a dated sub-folder so the run starts afresh. */
    private static void moveCheckpointsAway(Path checkpoints, PrintWriter err) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return;
        }
        List<Path> old;
        try (Stream<Path> files = Files.list(checkpoints)) {
            old = files.filter(p -> p.getFileName().toString().endsWith(".fsrckpt")).toList();
        }
        if (old.isEmpty()) {
            return;
        }
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path previous = Files.createDirectories(checkpoints.resolve("previous-" + time));
        for (Path p : old) {
            Files.move(p, previous.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        err.println("fsr train: --fresh: moved " + old.size() + " checkpoint(s) to " + previous);
    }

    private static int usage(PrintWriter err, String message) {
        return usage(err, message, null);
    }

    private static int usage(PrintWriter err, String message, Exception e) {
        err.println("fsr train: error: " + message);
        if (e != null) {
            stackTrace(err, e);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static void stackTrace(PrintWriter err, Exception e) {
        if (Boolean.getBoolean("fsr.stacktrace")) {
            e.printStackTrace(err);
        }
    }
}
