package dev.facesr.models.recognition;

import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Synthetic "identities" for tests: each person is a fixed smooth colour pattern (a sum of
 * low-frequency cosines seeded by the person), each image of them adds seeded noise and a small
 * brightness change, so images of one person are alike and people differ.
 */
final class SyntheticFaces {
    private SyntheticFaces() {}

    /** An HR (or any size) image of a person. */
    static BufferedImage face(int person, int variant, int size) {
        Random p = new Random(1000 + person);
        Random v = new Random(77_000 + person * 1000L + variant);
        int waves = 4;
        double[][] f = new double[3 * waves][5];
        for (double[] w : f) {
            w[0] = 0.5 + p.nextDouble() * 2.5; // fx cycles per image
            w[1] = 0.5 + p.nextDouble() * 2.5; // fy
            w[2] = p.nextDouble() * 2 * Math.PI;
            w[3] = 20 + p.nextDouble() * 25; // amplitude
            w[4] = p.nextBoolean() ? 1 : -1;
        }
        double brightness = (v.nextDouble() - 0.5) * 16;
        float[] data = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double u = (x + 0.5) / size;
                    double w = (y + 0.5) / size;
                    double val = 128 + brightness;
                    for (int k = 0; k < waves; k++) {
                        double[] q = f[c * waves + k];
                        val += q[3] * Math.cos(2 * Math.PI * (q[0] * u + q[4] * q[1] * w) + q[2]);
                    }
                    val += v.nextGaussian() * 6;
                    data[(c * size + y) * size + x] = (float) Math.max(0, Math.min(255, val));
                }
            }
        }
        return ImageConversions.toBufferedImage(new FloatImage(data, 3, size, size, ValueRange.BYTE));
    }

    /** A low-resolution image: the 128 px face reduced with MATLAB bicubic (8-bit). */
    static BufferedImage lowRes(int person, int variant, int size) {
        return MatlabResize.resize(face(person, variant, 128), size, size);
    }
}
