package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;

/**
 * Isotropic Gaussian blur with standard deviation {@code sigma} (pixels), truncated at
 * {@code ceil(3 sigma)} pixels (at least 1) and normalised to sum 1. Borders reflect without
 * repeating the edge pixel (OpenCV's BORDER_REFLECT_101), so a constant image stays constant.
 * Size-preserving and not random.
 */
public final class GaussianBlur extends ImageDegradation {

    private final double sigma;
    private final float[] kernel;

    /**
     * Creates the blur.
     *
     * @param sigma the standard deviation in pixels, greater than 0
     */
    public GaussianBlur(double sigma) {
        checkFinite(sigma, "sigma");
        if (sigma <= 0) {
            throw new IllegalArgumentException(
                    "Gaussian blur sigma must be > 0 pixels, got " + sigma
                            + "; leave the blur out to keep the image sharp");
        }
        this.sigma = sigma;
        this.kernel = kernel1d(sigma);
    }

    static float[] kernel1d(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * (double) i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    /** @return the standard deviation in pixels */
    public double sigma() {
        return sigma;
    }

    /** @return a copy of the normalised 1-D kernel (length {@code 2 * radius + 1}) */
    public float[] kernel() {
        return kernel.clone();
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        return Filters.separable(image, kernel);
    }

    @Override
    public String toString() {
        return "GaussianBlur(sigma=" + sigma + ")";
    }
}
