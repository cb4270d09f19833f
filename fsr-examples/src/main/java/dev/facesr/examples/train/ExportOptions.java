package dev.facesr.examples.train;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options the SR exporters share (a picocli {@code @Mixin}): what goes on the model card
 * (the commit that trained the model, the version, the training seed) and where the measuring
 * faces are.
 */
public final class ExportOptions {

    @Option(names = "--commit", required = true, description = "the commit whose code trained the model")
    String commit;

    @Option(names = "--version", defaultValue = "0.1.0", description = "the model's version (default: ${DEFAULT-VALUE})")
    String version;

    @Option(names = "--datasets", description = "the shared datasets folder (default: -Dfsr.datasets or ../shared/datasets)")
    Path datasets;

    @Option(names = "--val-faces", defaultValue = "500", description = "CelebA val faces to measure (default: ${DEFAULT-VALUE})")
    int valFaces = 500;

    @Option(names = "--test-faces", defaultValue = "2147483647",
            description = "faces of CelebA-1000 and Helen-50 to measure at 8x (default all; fewer for smoke runs)")
    int testFaces = Integer.MAX_VALUE;

    @picocli.CommandLine.Mixin
    WeightsStorageOption weights = new WeightsStorageOption();

    @Option(names = "--seed", defaultValue = "20261123", description = "the training seed, for the card (default: ${DEFAULT-VALUE})")
    long seed = RunFolderOptions.DEFAULT_SEED;

    /**
     * The shared datasets folder: {@code --datasets}, else {@code -Dfsr.datasets}, else {@code
     * ../shared/datasets}.
     *
     * @return the folder (not checked)
     */
    public Path datasetsRoot() {
        return datasets != null ? datasets : Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
    }
}
