package dev.facesr.metrics;

import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ValueRange;

/**
 * Deterministic synthetic 8-bit images, built exactly as {@code src/test/python/synthetic.py}
 * builds them (same 31-bit LCG, same integer formulas, same fill order), so reference values
 * computed in Python apply to the Java images without any image file in the repository.
 */
public final class SyntheticImages {
    private SyntheticImages() {}

    /** The LCG {@code x <- (1103515245 x + 12345) mod 2^31}; {@link #next()} returns bits 16..30. */
    public static final class Lcg {
        private long state;

        /**
         * Starts the generator.
         *
         * @param seed the seed
         */
        public Lcg(long seed) {
            this.state = seed & 0x7FFFFFFFL;
        }

        /**
         * Returns the next value in [0, 32767].
         *
         * @return the next value
         */
        public int next() {
            state = (state * 1103515245L + 12345L) & 0x7FFFFFFFL;
            return (int) (state >> 16);
        }
    }

    /**
     * The reference image of {@code synthetic.reference_image}: ramps, a 4x4 checker and noise.
     *
     * @param h the height
     * @param w the width
     * @param seed the LCG seed
     * @return an RGB image in [0, 255]
     */
    public static FloatImage reference(int h, int w, long seed) {
        Lcg rng = new Lcg(seed);
        float[] d = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int checker = ((x / 4 + y / 4) % 2) * 40;
                    int v = 30 + x + 2 * y + 15 * c + checker + rng.next() % 16;
                    d[(c * h + y) * w + x] = Math.min(255, Math.max(0, v));
                }
            }
        }
        return new FloatImage(d, 3, h, w, ValueRange.BYTE);
    }

    /**
     * The distorted copy of {@code synthetic.distorted}: integer noise in [-amplitude, amplitude].
     *
     * @param ref the reference image
     * @param amplitude the noise amplitude
     * @param seed the LCG seed
     * @return the distorted RGB image in [0, 255]
     */
    public static FloatImage distorted(FloatImage ref, int amplitude, long seed) {
        Lcg rng = new Lcg(seed);
        float[] src = ref.data();
        float[] d = new float[src.length];
        for (int i = 0; i < d.length; i++) { // c, y, x order = CHW index order
            int v = (int) src[i] + rng.next() % (2 * amplitude + 1) - amplitude;
            d[i] = Math.min(255, Math.max(0, v));
        }
        return new FloatImage(d, ref.channels(), ref.height(), ref.width(), ValueRange.BYTE);
    }

    /**
     * The plane of {@code synthetic.plane}: LCG values in [0, 255], row-major.
     *
     * @param h the height
     * @param w the width
     * @param seed the LCG seed
     * @return {@code h * w} values
     */
    public static float[] plane(int h, int w, long seed) {
        Lcg rng = new Lcg(seed);
        float[] p = new float[h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.next() % 256;
        }
        return p;
    }
}
