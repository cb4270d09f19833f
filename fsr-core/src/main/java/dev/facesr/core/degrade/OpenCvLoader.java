package dev.facesr.core.degrade;

/** Loads OpenCV's native library (from the org.openpnp:opencv jar) once per JVM. */
final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {}

    static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvLoader.class) {
            if (loaded) {
                return;
            }
            try {
                nu.pattern.OpenCV.loadLocally();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException(
                        "Could not load OpenCV's native library (org.openpnp:opencv, needed for"
                                + " JPEG compression); check that the jar matches this platform",
                        e);
            }
            loaded = true;
        }
    }
}
