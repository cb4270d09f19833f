package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;

/**
 * Signal-dependent (shot) noise in the style of Real-ESRGAN/BasicSR: each value {@code v} is
 * treated as {@code 255 v} photon counts, a Poisson count {@code k} is drawn, and the output is
 * {@code v + scale * (k / 255 - v)}, clamped into [0, 1]. The noise standard deviation at value
 * {@code v} is therefore {@code scale * sqrt(v / 255)}. Every channel is drawn independently.
 */
public final class PoissonNoise extends ImageDegradation {

    private static final double LEVELS = 255.0;

    private final double scale;

    /**
     * Creates the noise.
     *
     * @param scale the noise multiplier, at least 0 (BasicSR samples it in [0.05, 3])
     */
    public PoissonNoise(double scale) {
        checkFinite(scale, "scale");
        if (scale < 0) {
            throw new IllegalArgumentException("Poisson noise scale must be >= 0, got " + scale);
        }
        this.scale = scale;
    }

    /** @return the noise multiplier */
    public double scale() {
        return scale;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        FloatImage out = image.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            double v = Math.min(1.0, Math.max(0.0, d[i]));
            long k = poisson(v * LEVELS, random);
            d[i] = (float) (d[i] + scale * (k / LEVELS - v));
        }
        return out.clamp01();
    }

    /** Draws a Poisson variate: multiplication for small means, PTRS (Hoermann 1993) above. */
    static long poisson(double lambda, RandomGenerator random) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 10) {
            double limit = Math.exp(-lambda);
            double prod = random.nextDouble();
            long k = 0;
            while (prod > limit) {
                prod *= random.nextDouble();
                k++;
            }
            return k;
        }
        double slam = Math.sqrt(lambda);
        double logLam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            double lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
            double rhs = -lambda + k * logLam - logFactorial(k);
            if (lhs <= rhs) {
                return k;
            }
        }
    }

    /** log(k!) via Stirling's series (exact enough for k >= 10, table below). */
    static double logFactorial(long k) {
        if (k < 10) {
            double f = 1;
            for (int i = 2; i <= k; i++) {
                f *= i;
            }
            return Math.log(f);
        }
        double n = k + 1.0;
        return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI)
                + 1 / (12 * n) - 1 / (360 * n * n * n) + 1 / (1260 * Math.pow(n, 5));
    }

    @Override
    public String toString() {
        return "PoissonNoise(scale=" + scale + ")";
    }
}
