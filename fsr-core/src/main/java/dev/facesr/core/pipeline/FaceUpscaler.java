package dev.facesr.core.pipeline;

import ai.djl.modality.cv.Image;
import java.util.List;

/**
 * Super-resolves aligned face crops: the step of the FaceSR pipeline that runs a model.
 *
 * <p>An upscaler takes square RGB crops of {@link #inputSize()} pixels (the model's
 * low-resolution face framing) and returns square crops of {@link #outputSize()} pixels with the
 * same framing. Implementations are thread-safe: concurrent calls must not share a DJL
 * {@code Predictor}. Closing an upscaler frees its native memory.
 */
public interface FaceUpscaler extends AutoCloseable {

    /**
     * The name of the model behind this upscaler, e.g. {@code "fsr-x8"}.
     *
     * @return a short name for logs and results
     */
    String name();

    /**
     * The side, in pixels, of the square low-resolution crops this upscaler expects.
     *
     * @return the input side
     */
    int inputSize();

    /**
     * The side, in pixels, of the square crops it returns.
     *
     * @return the output side
     */
    int outputSize();

    /**
     * Super-resolves a batch of aligned crops.
     *
     * @param crops square crops of {@link #inputSize()} pixels (any other size is an
     *     {@link IllegalArgumentException} naming the size received and the size expected)
     * @return the restored crops, in the same order, each {@link #outputSize()} pixels square
     */
    List<Image> upscale(List<Image> crops);

    /** Frees the model's native memory; the upscaler cannot be used afterwards. */
    @Override
    void close();
}
