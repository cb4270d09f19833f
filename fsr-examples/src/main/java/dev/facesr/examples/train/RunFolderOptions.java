package dev.facesr.examples.train;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every trainer shares (a picocli {@code @Mixin}): the run folder, the shared datasets
 * folder and the seed. The run folder holds the checkpoints (the trainer resumes from them when
 * run again with the same {@code --out}), the figures and the final weights.
 */
public final class RunFolderOptions {

    /** The default seed of every trainer. */
    public static final long DEFAULT_SEED = 20261123L;

    @Option(names = "--out", required = true, description = "run folder (checkpoints, logs, final weights)")
    Path out;

    @Option(names = "--datasets", description = "the shared datasets folder (default: -Dfsr.datasets or ../shared/datasets)")
    Path datasets;

    @Option(names = "--seed", defaultValue = "20261123", description = "the run's seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    /**
     * The shared datasets folder: {@code --datasets}, else the system property {@code
     * fsr.datasets}, else {@code ../shared/datasets}.
     *
     * @return the folder (not checked)
     */
    public Path datasetsRoot() {
        return datasets != null ? datasets : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
    }
}
