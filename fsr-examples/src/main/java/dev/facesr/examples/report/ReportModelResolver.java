package dev.facesr.examples.report;

import java.util.Set;

/**
 * Finds report models by name, e.g. the built-in bicubic baseline, trained generator folders or
 * (after it is merged) the model zoo. Resolvers can also be registered for {@link
 * java.util.ServiceLoader} under {@code META-INF/services/dev.facesr.examples.report.ReportModelResolver}
 * (with a public no-argument constructor); {@code ./fsr report} asks them all.
 */
public interface ReportModelResolver {

    /**
     * The names this resolver can open, for listing and for error messages.
     *
     * @return the known names
     */
    Set<String> names();

    /**
     * Opens a model; the caller closes it.
     *
     * @param name one of {@link #names()}
     * @return the model
     * @throws IllegalArgumentException when the name is not one of {@link #names()}
     * @throws java.io.UncheckedIOException when the model's files cannot be read
     */
    ReportModel open(String name);
}
