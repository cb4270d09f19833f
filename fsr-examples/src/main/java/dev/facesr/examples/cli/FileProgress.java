package dev.facesr.examples.cli;

import java.io.PrintWriter;

/** A one-line progress bar on standard error for commands that work through many files. */
final class FileProgress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();

    /**
     * @param err where the bar goes
     * @param total the number of files
     * @param enabled false to draw nothing (not a terminal, or too few files)
     */
    FileProgress(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    /** Draws the bar after {@code done} files, {@code failed} of them failed. */
    void update(int done, int failed) {
        if (!enabled) {
            return;
        }
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : seconds / done * (total - done);
        err.printf("\r[%s%s] %d/%d files%s, %.0f s left ", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                failed == 0 ? "" : " (" + failed + " failed)", eta);
        err.flush();
    }

    /** Tells whether the bar is drawn. */
    boolean isEnabled() {
        return enabled;
    }

    /** Ends the bar's line. */
    void finish() {
        if (enabled) {
            err.println();
            err.flush();
        }
    }
}
