package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;

/**
 * Additive white Gaussian noise with standard deviation {@code sigma} on the [0, 1] scale
 * (so 20/255 is "20 grey levels"), clamped back into [0, 1]. Colour noise draws every channel
 * independently; grey noise adds the same value to all channels of a pixel.
 */
public final class GaussianNoise extends ImageDegradation {

    private final double sigma;
    private final boolean gray;

    /**
     * Creates colour (per-channel) noise.
     *
     * @param sigma the standard deviation on the [0, 1] scale, at least 0
     */
    public GaussianNoise(double sigma) {
        this(sigma, false);
    }

    /**
     * Creates colour or grey noise.
     *
     * @param sigma the standard deviation on the [0, 1] scale, at least 0
     * @param gray true to add the same noise to every channel of a pixel
     */
    public GaussianNoise(double sigma, boolean gray) {
        checkFinite(sigma, "sigma");
        if (sigma < 0) {
            throw new IllegalArgumentException("Noise sigma must be >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.gray = gray;
    }

    /** @return the standard deviation on the [0, 1] scale */
    public double sigma() {
        return sigma;
    }

    /** @return whether the noise is shared by all channels */
    public boolean isGray() {
        return gray;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        FloatImage out = image.copy();
        float[] d = out.data();
        int plane = image.height() * image.width();
        if (gray) {
            for (int p = 0; p < plane; p++) {
                float n = (float) (sigma * random.nextGaussian());
                for (int c = 0; c < image.channels(); c++) {
                    d[c * plane + p] += n;
                }
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                d[i] += (float) (sigma * random.nextGaussian());
            }
        }
        return out.clamp01();
    }

    @Override
    public String toString() {
        return "GaussianNoise(sigma=" + sigma + (gray ? ", gray" : "") + ")";
    }
}
