package dev.facesr.core.components;

import dev.facesr.core.degrade.AreaDownscale;
import dev.facesr.core.degrade.BicubicResize;
import dev.facesr.core.degrade.ColorJitter;
import dev.facesr.core.degrade.Degradation;
import dev.facesr.core.degrade.Degradations;
import dev.facesr.core.degrade.GaussianBlur;
import dev.facesr.core.degrade.GaussianNoise;
import dev.facesr.core.degrade.JpegCompression;
import dev.facesr.core.degrade.MotionBlur;
import dev.facesr.core.degrade.PoissonNoise;
import dev.facesr.core.degrade.RandomDegradation;
import dev.facesr.core.train.config.Arguments;
import dev.facesr.core.train.config.Registry;

/**
 * The degradations of {@code dev.facesr.core.degrade}. {@code sequence} and {@code random} name
 * other degradations defined earlier in the file.
 */
final class DegradationComponents {

    private DegradationComponents() {}

    static void register(Registry<Object> degradations) {
        degradations.register("bicubic", DegradationComponents::bicubic);
        degradations.register("area", a -> new AreaDownscale(a.getInt("factor")));
        degradations.register("gaussian-blur", a -> new GaussianBlur(a.getFloat("sigma")));
        degradations.register("motion-blur",
                a -> new MotionBlur(a.getFloat("length"), a.getFloat("angle", 0f)));
        degradations.register("gaussian-noise", a -> new GaussianNoise(a.getFloat("sigma"),
                a.getBoolean("gray", false)));
        degradations.register("poisson-noise", a -> new PoissonNoise(a.getFloat("scale")));
        degradations.register("jpeg", a -> new JpegCompression(a.getInt("quality")));
        degradations.register("color-jitter", a -> new ColorJitter(a.getFloat("brightness", 0f),
                a.getFloat("contrast", 0f), a.getFloat("saturation", 0f), a.getFloat("hue", 0f)));
        degradations.register("identity", a -> Degradations.identity());
        degradations.register("sequence", a -> Degradations.sequence(
                a.getReferences("steps", "degradations", Degradation.class)));
        degradations.register("random", DegradationComponents::random);
    }

    private static BicubicResize bicubic(Arguments a) {
        BicubicResize resize;
        if (a.has("scale") == a.has("size")) {
            throw new IllegalArgumentException(a.getOwner() + ": bicubic needs either 'scale'"
                    + " (shrink factor, e.g. 8) or 'size' ([height, width]), not "
                    + (a.has("scale") ? "both" : "neither"));
        }
        if (a.has("scale")) {
            resize = BicubicResize.shrinkBy(a.getFloat("scale"));
        } else {
            int[] size = a.getIntArray("size");
            if (size.length != 2) {
                throw new IllegalArgumentException(a.getOwner() + ".size must be [height, width]");
            }
            resize = BicubicResize.toSize(size[0], size[1]);
        }
        return a.getBoolean("quantize", true) ? resize : resize.withoutQuantization();
    }

    /**
     * GFPGAN-style pipeline: the builder's defaults, a step changed only when one of its
     * arguments is given (then all of that step's arguments are needed).
     */
    private static RandomDegradation random(Arguments a) {
        RandomDegradation.Builder b = RandomDegradation.builder()
                .setDownscale(a.getReference("downscale", "degradations", Degradation.class));
        if (a.has("blurProbability") || a.has("blurSigma")) {
            float[] r = range(a, "blurSigma");
            b.optGaussianBlur(a.getFloat("blurProbability"), r[0], r[1]);
        }
        if (a.has("motionProbability") || a.has("motionLength")) {
            float[] r = range(a, "motionLength");
            b.optMotionBlur(a.getFloat("motionProbability"), r[0], r[1]);
        }
        if (a.has("noiseProbability") || a.has("noiseSigma") || a.has("grayNoiseProbability")) {
            float[] r = range(a, "noiseSigma");
            b.optGaussianNoise(a.getFloat("noiseProbability"), r[0], r[1],
                    a.getFloat("grayNoiseProbability"));
        }
        if (a.has("poissonProbability") || a.has("poissonScale")) {
            float[] r = range(a, "poissonScale");
            b.optPoissonNoise(a.getFloat("poissonProbability"), r[0], r[1]);
        }
        if (a.has("jpegProbability") || a.has("jpegQuality")) {
            int[] q = a.getIntArray("jpegQuality");
            if (q.length != 2) {
                throw new IllegalArgumentException(a.getOwner() + ".jpegQuality must be [min, max]");
            }
            b.optJpeg(a.getFloat("jpegProbability"), q[0], q[1]);
        }
        if (a.has("jitterProbability") || a.has("jitter")) {
            b.optColorJitter(a.getFloat("jitterProbability"),
                    a.getReference("jitter", "degradations", ColorJitter.class));
        }
        return b.build();
    }

    private static float[] range(Arguments a, String key) {
        float[] r = a.getFloatArray(key);
        if (r.length != 2) {
            throw new IllegalArgumentException(a.getOwner() + "." + key + " must be [min, max]");
        }
        return r;
    }
}
