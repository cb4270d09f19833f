package dev.facesr.core.degrade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A random degradation pipeline in the style of blind face restoration (GFPGAN / BasicSR):
 * blur, then the downscale step, then noise, then JPEG compression, then optional colour
 * jitter. Each optional step runs with its own probability and draws its parameter uniformly
 * from its range, per image.
 *
 * <p>The order, with the defaults of {@link Builder}:
 *
 * <ol>
 *   <li>Gaussian blur, probability 1, sigma in [0.2, 3.0] px (GFPGAN uses [0.1, 10] on 512-px
 *       faces; the default here is sized for 128-px crops);
 *   <li>motion blur, probability 0 (off), length in [3, 9] px, angle in [0, 180) degrees;
 *   <li>the downscale step: any {@link Degradation} you pass, always applied (it fixes the
 *       output size, e.g. {@link AreaDownscale} or a MATLAB-style bicubic);
 *   <li>Gaussian noise, probability 1, sigma in [0, 20/255] (GFPGAN's range), grey with
 *       probability 0;
 *   <li>Poisson noise, probability 0 (off), scale in [0.05, 3] (Real-ESRGAN's range);
 *   <li>JPEG, probability 1, quality in [60, 100] (GFPGAN's range, integer, inclusive);
 *   <li>colour jitter, off unless {@link Builder#optColorJitter} is set.
 * </ol>
 *
 * <p>{@link #sample(RandomGenerator)} returns the concrete pipeline one draw picks, which is
 * what {@link #apply(NDArray, RandomGenerator)} runs.
 */
public final class RandomDegradation implements Degradation {

    private final Degradation downscale;
    private final double blurProbability;
    private final double sigmaMin;
    private final double sigmaMax;
    private final double motionProbability;
    private final double motionLengthMin;
    private final double motionLengthMax;
    private final double noiseProbability;
    private final double noiseSigmaMin;
    private final double noiseSigmaMax;
    private final double grayNoiseProbability;
    private final double poissonProbability;
    private final double poissonScaleMin;
    private final double poissonScaleMax;
    private final double jpegProbability;
    private final int jpegQualityMin;
    private final int jpegQualityMax;
    private final double jitterProbability;
    private final ColorJitter colorJitter;

    private RandomDegradation(Builder b) {
        downscale = b.downscale;
        blurProbability = b.blurProbability;
        sigmaMin = b.sigmaMin;
        sigmaMax = b.sigmaMax;
        motionProbability = b.motionProbability;
        motionLengthMin = b.motionLengthMin;
        motionLengthMax = b.motionLengthMax;
        noiseProbability = b.noiseProbability;
        noiseSigmaMin = b.noiseSigmaMin;
        noiseSigmaMax = b.noiseSigmaMax;
        grayNoiseProbability = b.grayNoiseProbability;
        poissonProbability = b.poissonProbability;
        poissonScaleMin = b.poissonScaleMin;
        poissonScaleMax = b.poissonScaleMax;
        jpegProbability = b.jpegProbability;
        jpegQualityMin = b.jpegQualityMin;
        jpegQualityMax = b.jpegQualityMax;
        jitterProbability = b.jitterProbability;
        colorJitter = b.colorJitter;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The GFPGAN-style pipeline with the default ranges listed in the class javadoc.
     *
     * @param downscale the size-changing step
     * @return the pipeline
     */
    public static RandomDegradation gfpganStyle(Degradation downscale) {
        return builder().setDownscale(downscale).build();
    }

    /** @return the downscale step */
    public Degradation downscale() {
        return downscale;
    }

    /**
     * Draws the concrete pipeline for one image.
     *
     * @param random the generator to draw from
     * @return the steps that were picked, as a sequence
     */
    public SequentialDegradation sample(RandomGenerator random) {
        List<Degradation> steps = new ArrayList<>();
        if (random.nextDouble() < blurProbability) {
            steps.add(new GaussianBlur(uniform(random, sigmaMin, sigmaMax)));
        }
        if (random.nextDouble() < motionProbability) {
            double length = uniform(random, motionLengthMin, motionLengthMax);
            steps.add(new MotionBlur(length, random.nextDouble() * 180));
        }
        steps.add(downscale);
        if (random.nextDouble() < noiseProbability) {
            double sigma = uniform(random, noiseSigmaMin, noiseSigmaMax);
            boolean gray = random.nextDouble() < grayNoiseProbability;
            steps.add(new GaussianNoise(sigma, gray));
        }
        if (random.nextDouble() < poissonProbability) {
            steps.add(new PoissonNoise(uniform(random, poissonScaleMin, poissonScaleMax)));
        }
        if (random.nextDouble() < jpegProbability) {
            int q = jpegQualityMin + random.nextInt(jpegQualityMax - jpegQualityMin + 1);
            steps.add(new JpegCompression(q));
        }
        if (colorJitter != null && random.nextDouble() < jitterProbability) {
            steps.add(colorJitter);
        }
        return Degradations.sequence(steps);
    }

    private static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** {@inheritDoc} */
    @Override
    public NDArray apply(NDArray image, RandomGenerator random) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(random, "random");
        Shape shape = outputShape(image.getShape());
        if (shape.dimension() == 3) {
            return sample(random).apply(image, random);
        }
        NDList out = new NDList();
        NDList slices = new NDList();
        long n = image.getShape().get(0);
        for (long i = 0; i < n; i++) {
            NDArray slice = image.get(i);
            slices.add(slice);
            out.add(sample(random).apply(slice, random));
        }
        NDArray stacked = NDArrays.stack(out);
        // free the per-image intermediates now rather than when the caller's manager closes
        for (NDArray a : out) {
            if (a != stacked && a != image) {
                a.close();
            }
        }
        for (NDArray a : slices) {
            if (a != stacked && a != image) {
                a.close();
            }
        }
        return stacked;
    }

    /** {@inheritDoc} */
    @Override
    public Shape outputShape(Shape inputShape) {
        int rank = inputShape.dimension();
        if (rank != 3 && rank != 4) {
            throw new IllegalArgumentException(
                    "RandomDegradation expects a CHW image or NCHW batch, got shape " + inputShape);
        }
        return downscale.outputShape(inputShape);
    }

    @Override
    public String toString() {
        return "RandomDegradation(blur p=" + blurProbability + " sigma=[" + sigmaMin + ", "
                + sigmaMax + "], motion p=" + motionProbability + " length=[" + motionLengthMin
                + ", " + motionLengthMax + "], downscale=" + downscale + ", noise p="
                + noiseProbability + " sigma=[" + noiseSigmaMin + ", " + noiseSigmaMax
                + "] gray p=" + grayNoiseProbability + ", poisson p=" + poissonProbability
                + " scale=[" + poissonScaleMin + ", " + poissonScaleMax + "], jpeg p="
                + jpegProbability + " quality=[" + jpegQualityMin + ", " + jpegQualityMax
                + "], jitter p=" + jitterProbability + " " + colorJitter + ")";
    }

    /** Builds a {@link RandomDegradation}; only the downscale step is required. */
    public static final class Builder {

        private Degradation downscale;
        private double blurProbability = 1.0;
        private double sigmaMin = 0.2;
        private double sigmaMax = 3.0;
        private double motionProbability;
        private double motionLengthMin = 3;
        private double motionLengthMax = 9;
        private double noiseProbability = 1.0;
        private double noiseSigmaMin;
        private double noiseSigmaMax = 20.0 / 255.0;
        private double grayNoiseProbability;
        private double poissonProbability;
        private double poissonScaleMin = 0.05;
        private double poissonScaleMax = 3.0;
        private double jpegProbability = 1.0;
        private int jpegQualityMin = 60;
        private int jpegQualityMax = 100;
        private double jitterProbability;
        private ColorJitter colorJitter;

        Builder() {}

        /**
         * Sets the size-changing step, always applied after the blur (required).
         *
         * @param downscale e.g. {@code new AreaDownscale(4)}
         * @return this builder
         */
        public Builder setDownscale(Degradation downscale) {
            this.downscale = downscale;
            return this;
        }

        /**
         * Sets the Gaussian blur step.
         *
         * @param probability the chance to blur, in [0, 1]
         * @param sigmaMin the smallest sigma in pixels, greater than 0
         * @param sigmaMax the largest sigma in pixels
         * @return this builder
         */
        public Builder optGaussianBlur(double probability, double sigmaMin, double sigmaMax) {
            this.blurProbability = probability;
            this.sigmaMin = sigmaMin;
            this.sigmaMax = sigmaMax;
            return this;
        }

        /**
         * Sets the motion blur step (the angle is uniform in [0, 180) degrees).
         *
         * @param probability the chance to apply it, in [0, 1]
         * @param lengthMin the shortest length in pixels, at least 1
         * @param lengthMax the longest length in pixels
         * @return this builder
         */
        public Builder optMotionBlur(double probability, double lengthMin, double lengthMax) {
            this.motionProbability = probability;
            this.motionLengthMin = lengthMin;
            this.motionLengthMax = lengthMax;
            return this;
        }

        /**
         * Sets the Gaussian noise step.
         *
         * @param probability the chance to add noise, in [0, 1]
         * @param sigmaMin the smallest sigma on the [0, 1] scale
         * @param sigmaMax the largest sigma on the [0, 1] scale
         * @param grayProbability the chance that the noise is grey (same for all channels)
         * @return this builder
         */
        public Builder optGaussianNoise(
                double probability, double sigmaMin, double sigmaMax, double grayProbability) {
            this.noiseProbability = probability;
            this.noiseSigmaMin = sigmaMin;
            this.noiseSigmaMax = sigmaMax;
            this.grayNoiseProbability = grayProbability;
            return this;
        }

        /**
         * Sets the Poisson noise step.
         *
         * @param probability the chance to add it, in [0, 1]
         * @param scaleMin the smallest scale
         * @param scaleMax the largest scale
         * @return this builder
         */
        public Builder optPoissonNoise(double probability, double scaleMin, double scaleMax) {
            this.poissonProbability = probability;
            this.poissonScaleMin = scaleMin;
            this.poissonScaleMax = scaleMax;
            return this;
        }

        /**
         * Sets the JPEG step.
         *
         * @param probability the chance to compress, in [0, 1]
         * @param qualityMin the lowest quality, in [1, 100]
         * @param qualityMax the highest quality, in [qualityMin, 100]
         * @return this builder
         */
        public Builder optJpeg(double probability, int qualityMin, int qualityMax) {
            this.jpegProbability = probability;
            this.jpegQualityMin = qualityMin;
            this.jpegQualityMax = qualityMax;
            return this;
        }

        /**
         * Adds a final colour jitter step.
         *
         * @param probability the chance to apply it, in [0, 1]
         * @param jitter the jitter ranges
         * @return this builder
         */
        public Builder optColorJitter(double probability, ColorJitter jitter) {
            this.jitterProbability = probability;
            this.colorJitter = jitter;
            return this;
        }

        /**
         * Validates the settings and builds the pipeline.
         *
         * @return the pipeline
         * @throws IllegalArgumentException if a setting is out of range
         * @throws IllegalStateException if the downscale step is missing
         */
        public RandomDegradation build() {
            if (downscale == null) {
                throw new IllegalStateException(
                        "RandomDegradation needs a downscale step: call setDownscale(new"
                                + " AreaDownscale(4)) or pass another size-changing Degradation");
            }
            probability(blurProbability, "blur");
            probability(motionProbability, "motion blur");
            probability(noiseProbability, "noise");
            probability(grayNoiseProbability, "grey noise");
            probability(poissonProbability, "Poisson noise");
            probability(jpegProbability, "JPEG");
            probability(jitterProbability, "colour jitter");
            range(sigmaMin, sigmaMax, "blur sigma");
            if (blurProbability > 0 && sigmaMin <= 0) {
                throw new IllegalArgumentException(
                        "Blur sigma range must start above 0, got " + sigmaMin);
            }
            range(motionLengthMin, motionLengthMax, "motion blur length");
            if (motionProbability > 0 && motionLengthMin < 1) {
                throw new IllegalArgumentException(
                        "Motion blur lengths must be >= 1 pixel, got " + motionLengthMin);
            }
            range(noiseSigmaMin, noiseSigmaMax, "noise sigma");
            range(poissonScaleMin, poissonScaleMax, "Poisson scale");
            if (jpegQualityMin < 1 || jpegQualityMax > 100 || jpegQualityMin > jpegQualityMax) {
                throw new IllegalArgumentException(
                        "JPEG qualities must satisfy 1 <= min <= max <= 100, got [" + jpegQualityMin
                                + ", " + jpegQualityMax + "]");
            }
            if (jitterProbability > 0 && colorJitter == null) {
                throw new IllegalArgumentException("Colour jitter probability set without ranges");
            }
            return new RandomDegradation(this);
        }

        private static void probability(double p, String what) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(
                        "The " + what + " probability must be in [0, 1], got " + p);
            }
        }

        private static void range(double lo, double hi, String what) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo < 0 || lo > hi) {
                throw new IllegalArgumentException(
                        "The " + what + " range must satisfy 0 <= min <= max, got [" + lo + ", "
                                + hi + "]");
            }
        }
    }
}
