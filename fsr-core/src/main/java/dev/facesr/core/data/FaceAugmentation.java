package dev.facesr.core.data;

import java.util.random.RandomGenerator;

/**
 * Random geometric augmentation of a face crop: horizontal flip (landmarks mirrored and
 * reordered by their {@link LandmarkScheme}), rotation of the crop box about its centre, box
 * scale (zoom) and box aspect jitter. Rotation, scale and aspect change the sampling box of the
 * {@link CropPolicy}, so landmarks follow exactly; the flip is applied to the output.
 *
 * <p>Each {@link #draw} consumes exactly four values from the generator (flip, angle, scale,
 * aspect), whatever the settings.
 */
public final class FaceAugmentation {

    /** No augmentation. */
    public static final FaceAugmentation NONE = builder().build();

    private final double flipProbability;
    private final double maxRotationDegrees;
    private final double scaleMin;
    private final double scaleMax;
    private final double aspectMin;
    private final double aspectMax;

    private FaceAugmentation(Builder b) {
        flipProbability = b.flipProbability;
        maxRotationDegrees = b.maxRotationDegrees;
        scaleMin = b.scaleMin;
        scaleMax = b.scaleMax;
        aspectMin = b.aspectMin;
        aspectMax = b.aspectMax;
    }

    /** @return a new builder (all augmentation off) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The face-SR preset: flip with probability 0.5, roll within +-15 degrees and box aspect
     * within +-10 % (what the datasets README suggests to resemble the unaligned FSRNet test
     * faces), plus box scale within +-5 % (a small extra, not tuned).
     *
     * @return the preset
     */
    public static FaceAugmentation faceSr() {
        return faceSr(0.9, 1.1);
    }

    /**
     * The face-SR augmentation of {@link #faceSr()} with another range of aspect changes (the
     * FSRNet CelebA-1000 faces' vertical/horizontal scale ratio spreads over about 0.77-1.24 of
     * its median).
     *
     * @param minAspect smallest vertical/horizontal scale ratio, above 0
     * @param maxAspect largest ratio, at least {@code minAspect}
     * @return the augmentation
     * @throws IllegalArgumentException for an empty or non-positive range
     */
    public static FaceAugmentation faceSr(double minAspect, double maxAspect) {
        return builder()
                .optFlipProbability(0.5)
                .optMaxRotationDegrees(15)
                .optAspectRange(minAspect, maxAspect)
                .optScaleRange(0.95, 1.05)
                .build();
    }

    /** @return the flip probability */
    public double flipProbability() {
        return flipProbability;
    }

    /**
     * Draws one augmentation.
     *
     * @param random the generator
     * @return the drawn parameters
     */
    public Draw draw(RandomGenerator random) {
        boolean flip = random.nextDouble() < flipProbability;
        double angle = (random.nextDouble() * 2 - 1) * maxRotationDegrees;
        double scale = scaleMin + (scaleMax - scaleMin) * random.nextDouble();
        double aspect = aspectMin + (aspectMax - aspectMin) * random.nextDouble();
        return new Draw(flip, angle, scale, aspect);
    }

    @Override
    public String toString() {
        return "FaceAugmentation(flip p=" + flipProbability + ", rotation +-" + maxRotationDegrees
                + " deg, scale [" + scaleMin + ", " + scaleMax + "], aspect [" + aspectMin + ", "
                + aspectMax + "])";
    }

    /**
     * One drawn augmentation.
     *
     * @param flip whether the output is mirrored horizontally
     * @param rotationDegrees the box rotation, counter-clockwise on screen (the face in the output
     *     appears turned the other way)
     * @param scale the box size multiplier (above 1 zooms out)
     * @param aspect the box height/width stretch: the box width is multiplied by {@code scale /
     *     sqrt(aspect)}, its height by {@code scale * sqrt(aspect)}
     */
    public record Draw(boolean flip, double rotationDegrees, double scale, double aspect) {

        /** The draw that changes nothing. */
        public static final Draw IDENTITY = new Draw(false, 0, 1, 1);

        /** @return true when rotation, scale and aspect leave the box as it is */
        public boolean keepsBox() {
            return rotationDegrees == 0 && scale == 1 && aspect == 1;
        }
    }

    /** Builds a {@link FaceAugmentation}; everything is off unless set. */
    public static final class Builder {

        private double flipProbability;
        private double maxRotationDegrees;
        private double scaleMin = 1;
        private double scaleMax = 1;
        private double aspectMin = 1;
        private double aspectMax = 1;

        Builder() {}

        /**
         * @param probability the chance of a horizontal flip, in [0, 1]
         * @return this builder
         */
        public Builder optFlipProbability(double probability) {
            this.flipProbability = probability;
            return this;
        }

        /**
         * @param degrees the largest absolute roll in degrees, in [0, 180]
         * @return this builder
         */
        public Builder optMaxRotationDegrees(double degrees) {
            this.maxRotationDegrees = degrees;
            return this;
        }

        /**
         * @param min the smallest box scale, above 0
         * @param max the largest box scale
         * @return this builder
         */
        public Builder optScaleRange(double min, double max) {
            this.scaleMin = min;
            this.scaleMax = max;
            return this;
        }

        /**
         * @param min the smallest height/width stretch, above 0
         * @param max the largest stretch
         * @return this builder
         */
        public Builder optAspectRange(double min, double max) {
            this.aspectMin = min;
            this.aspectMax = max;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the augmentation
         */
        public FaceAugmentation build() {
            if (!(flipProbability >= 0 && flipProbability <= 1)) {
                throw new IllegalArgumentException(
                        "Flip probability must be in [0, 1], got " + flipProbability);
            }
            if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
                throw new IllegalArgumentException(
                        "Max rotation must be in [0, 180] degrees, got " + maxRotationDegrees);
            }
            positiveRange(scaleMin, scaleMax, "scale");
            positiveRange(aspectMin, aspectMax, "aspect");
            return new FaceAugmentation(this);
        }

        private static void positiveRange(double min, double max, String what) {
            if (!(min > 0 && Double.isFinite(max) && min <= max)) {
                throw new IllegalArgumentException(
                        "The " + what + " range must satisfy 0 < min <= max, got [" + min + ", "
                                + max + "]");
            }
        }
    }
}
