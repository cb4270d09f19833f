package dev.facesr.models.detect;

/** Loads OpenCV's native library (openpnp build) once per JVM. */
final class OpenCvNatives {

    private static volatile boolean loaded;

    private OpenCvNatives() {}

    /**
     * Loads the natives if they are not loaded yet.
     *
     * @throws IllegalStateException if the native library cannot be loaded on this platform
     */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvNatives.class) {
            if (!loaded) {
                try {
                    nu.pattern.OpenCV.loadLocally();
                } catch (RuntimeException | LinkageError e) {
                    throw new IllegalStateException("Cannot load OpenCV's native library (org.openpnp:opencv) on "
                            + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": "
                            + e.getMessage(), e);
                }
                loaded = true;
            }
        }
    }
}
