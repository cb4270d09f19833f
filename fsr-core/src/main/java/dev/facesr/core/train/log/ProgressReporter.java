package dev.facesr.core.train.log;

import dev.facesr.core.train.FigureRecord;
import dev.facesr.core.train.StageProgress;
import dev.facesr.core.train.TrainingObserver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports progress with the rate (steps/s since the stage started in this process) and the
 * ETA of the stage. On a terminal ({@code System.console() != null}) it redraws one bar line
 * at most every 200 ms; otherwise it writes a plain log line (slf4j, INFO) whenever figures
 * are logged, at stage start and end, and at checkpoints.
 */
public final class ProgressReporter implements TrainingObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    private static final int BAR_WIDTH = 24;
    private final PrintStream terminal;
    private final LongSupplier clock;
    private final Map<String, Double> lastFigures = new LinkedHashMap<>();
    private long stageStartNanos;
    private long lastDrawNanos;

    private ProgressReporter(PrintStream terminal, LongSupplier clock) {
        this.terminal = terminal;
        this.clock = clock;
    }

    /**
     * Makes a reporter that draws a bar when a terminal is attached, else logs plain lines.
     *
     * @return the reporter
     */
    public static ProgressReporter automatic() {
        return new ProgressReporter(System.console() != null ? System.out : null,
                System::nanoTime);
    }

    /**
     * Makes a reporter that always writes plain log lines.
     *
     * @return the reporter
     */
    public static ProgressReporter plain() {
        return new ProgressReporter(null, System::nanoTime);
    }

    /**
     * Makes a reporter that draws the bar on the given stream.
     *
     * @param out the stream
     * @return the reporter
     */
    public static ProgressReporter bar(PrintStream out) {
        return new ProgressReporter(out, System::nanoTime);
    }

    /**
     * Makes a reporter drawing on a stream with a given clock (for tests).
     *
     * @param out the stream, or null for plain log lines
     * @param clock a nanosecond clock
     * @return the reporter
     */
    static ProgressReporter withClock(PrintStream out, LongSupplier clock) {
        return new ProgressReporter(out, clock);
    }

    @Override
    public void onStageStart(StageProgress p) {
        stageStartNanos = clock.getAsLong();
        lastFigures.clear();
        LOG.info("stage {}/{} '{}' {} at step {}/{} (global step {})", p.stageIndex() + 1,
                p.stageCount(), p.stage(), p.resumedAt() > 0 ? "resumes" : "starts",
                p.stageStep(), p.stageSteps(), p.globalStep());
    }

    @Override
    public void onStep(StageProgress p, List<FigureRecord> figures) {
        for (FigureRecord f : figures) {
            lastFigures.put(f.name(), f.value());
        }
        long now = clock.getAsLong();
        if (terminal != null) {
            if (now - lastDrawNanos >= 200_000_000L || p.stageStep() == p.stageSteps()) {
                lastDrawNanos = now;
                terminal.print("\r" + line(p, now, true));
                terminal.flush();
            }
        } else if (!figures.isEmpty()) {
            LOG.info(line(p, now, false));
        }
    }

    @Override
    public void onFigures(List<FigureRecord> figures) {
        for (FigureRecord f : figures) {
            lastFigures.put(f.name(), f.value());
        }
    }

    @Override
    public void onCheckpoint(Path path, long globalStep) {
        if (terminal == null) {
            LOG.info("checkpoint {} at global step {}", path.getFileName(), globalStep);
        }
    }

    @Override
    public void onStageEnd(StageProgress p, boolean earlyStopped) {
        if (terminal != null) {
            terminal.println();
        }
        LOG.info("stage '{}' ended at step {}/{}{}", p.stage(), p.stageStep(), p.stageSteps(),
                earlyStopped ? " (early stopping)" : "");
    }

    /**
     * Formats the progress line.
     *
     * @param p where the run is
     * @param nowNanos the current time of the reporter's clock
     * @param withBar whether to draw the bar
     * @return the line
     */
    String line(StageProgress p, long nowNanos, boolean withBar) {
        double seconds = Math.max(1e-9, (nowNanos - stageStartNanos) / 1e9);
        long done = p.stageStep() - p.resumedAt();
        double rate = done / seconds;
        long remaining = p.stageSteps() - p.stageStep();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[%d/%d %s] ", p.stageIndex() + 1, p.stageCount(),
                p.stage()));
        if (withBar) {
            int filled = (int) (BAR_WIDTH * p.stageStep() / Math.max(1, p.stageSteps()));
            sb.append('|').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled))
                    .append("| ");
        }
        sb.append(String.format(Locale.ROOT, "%d/%d %.2f steps/s ETA %s", p.stageStep(),
                p.stageSteps(), rate, rate > 0 ? duration((long) (remaining / rate)) : "--:--"));
        for (Map.Entry<String, Double> e : lastFigures.entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s=%.4g", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%02d:%02d", m, s);
    }
}
