package dev.facesr.models.recognition;

/**
 * How a {@link FaceRecognizer} embeds a probe whose face is smaller than its low-resolution
 * threshold ({@link FaceRecognizer.Builder#optLowResolutionThreshold(int)}). Faces at or above the
 * threshold always go to the high-resolution embedder.
 */
public enum LowResolutionStrategy {
    /**
     * Embed the low-resolution crop as it is with the low-resolution (student) embedder, whose
     * embeddings live in the same space as the high-resolution (teacher) embedder's. Needs
     * {@link FaceRecognizer.Builder#optLowResolutionEmbedder}.
     */
    STUDENT,
    /**
     * Super-resolve the crop first (a {@code FaceSR} or {@code FaceUpscaler}), then embed the
     * restored face with the high-resolution embedder. Needs {@link
     * FaceRecognizer.Builder#optSuperResolution} or {@link FaceRecognizer.Builder#optUpscaler}.
     */
    SUPER_RESOLVE,
    /**
     * Enlarge the crop to the high-resolution size with MATLAB-style bicubic, then embed it with
     * the high-resolution embedder. Always available: the baseline.
     */
    BICUBIC
}
