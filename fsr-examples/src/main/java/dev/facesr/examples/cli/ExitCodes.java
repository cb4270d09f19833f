package dev.facesr.examples.cli;

/** The exit codes of the {@code fsr} tool. */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The command ran, but at least one input failed or an error stopped it; see standard error. */
    public static final int FAILED = 1;
    /** The command line was wrong (picocli's usage-error code). */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
