package dev.facesr.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.facesr.metrics.Psnr;
import dev.facesr.metrics.Ssim;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * PSNR or SSIM (fsr-metrics) as a validation figure: the mean over the batch's images of the
 * metric between {@code predictions[0]} (the SR images, NCHW) and {@code labels[0]} (the HR
 * images), both in [0, 1].
 *
 * <p>Conventions: the predictions are clipped to [0, 1] and, by default, rounded to 8-bit
 * levels first, as when the SR image is saved and measured as a file (BasicSR's validation does
 * the same); channels (Y or RGB) and border crop are the {@link Psnr}'s or {@link Ssim}'s. Two
 * identical images have an infinite PSNR, which makes the mean infinite (see {@link Psnr}).
 */
public final class ImageQualityMetric implements ValidationMetric {

    private final String name;
    private final BiFunction<NDArray, NDArray, double[]> measure;
    private final boolean quantize;

    private ImageQualityMetric(String name, BiFunction<NDArray, NDArray, double[]> measure,
            boolean quantize) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.measure = measure;
        this.quantize = quantize;
    }

    /**
     * Makes a PSNR figure.
     *
     * @param name the figure name, e.g. "psnr"
     * @param psnr the configured PSNR (channels, crop)
     * @param quantize round the predictions to 8-bit levels before measuring
     * @return the metric
     */
    public static ImageQualityMetric psnr(String name, Psnr psnr, boolean quantize) {
        Objects.requireNonNull(psnr, "psnr must not be null");
        return new ImageQualityMetric(name, psnr::compute, quantize);
    }

    /**
     * Makes an SSIM figure.
     *
     * @param name the figure name, e.g. "ssim"
     * @param ssim the configured SSIM (channels, crop)
     * @param quantize round the predictions to 8-bit levels before measuring
     * @return the metric
     */
    public static ImageQualityMetric ssim(String name, Ssim ssim, boolean quantize) {
        Objects.requireNonNull(ssim, "ssim must not be null");
        return new ImageQualityMetric(name, ssim::compute, quantize);
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * Measures one batch.
     *
     * @param labels the batch's labels; entry 0 is the HR batch (N, C, H, W)
     * @param predictions the predictions; entry 0 is the SR batch of the same shape
     * @return the mean of the per-image values
     * @throws IllegalArgumentException if an entry is missing or the shapes differ
     */
    @Override
    public double evaluate(NDList labels, NDList predictions) {
        if (labels == null || labels.isEmpty() || predictions == null || predictions.isEmpty()) {
            throw new IllegalArgumentException("validation metric '" + name + "' needs labels[0]"
                    + " (HR) and predictions[0] (SR)");
        }
        NDArray sr = predictions.get(0);
        NDArray hr = labels.get(0);
        try (NDManager scratch = sr.getManager().newSubManager()) {
            NDArray clipped = sr.duplicate();
            clipped.attach(scratch);
            clipped = clipped.clip(0f, 1f);
            if (quantize) {
                clipped = clipped.mul(255f).round().div(255f);
            }
            double[] values = measure.apply(clipped, hr);
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.length;
        }
    }
}
