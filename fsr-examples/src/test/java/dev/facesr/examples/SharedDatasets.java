package dev.facesr.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared datasets for tests that need real faces, or skips the test with a message. */
public final class SharedDatasets {

    private SharedDatasets() {}

    /** @return {@code -Dfsr.datasets} or {@code ../shared/datasets} (not checked) */
    public static Path root() {
        return Path.of(System.getProperty("fsr.datasets", "../shared/datasets"));
    }

    /**
     * The shared datasets folder, or skips the calling test when it has no aligned CelebA.
     *
     * @return the folder holding {@code celeba/identities.csv}
     */
    public static Path withCelebaOrSkip() {
        Path data = root();
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("celeba/identities.csv")),
                "shared datasets not found at " + data + " (set -Dfsr.datasets)");
        return data;
    }
}
