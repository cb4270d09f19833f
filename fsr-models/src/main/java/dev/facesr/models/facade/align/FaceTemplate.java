package dev.facesr.models.facade.align;

import dev.facesr.core.pipeline.Landmarks;

/**
 * The canonical 5-point face template the aligner fits: where the eyes, nose tip and mouth
 * corners sit in the framing the FaceSR models are trained on (the FSRNet celeba-1000 framing,
 * 128x128 reference frame).
 *
 * <p>Eye centres: (45.8, 45.6) and (82.6, 45.3), the mean-face eye centres of FSRNet's
 * celeba-1000 HR crops measured in {@code shared/datasets/README.md} ("Face scale"). Nose tip and
 * mouth corners: the median positions of MTFL train faces in an eye-normalised frame (left eye at
 * (0, 0), right eye at (1, 0)), nose (0.496, 0.627), mouth (0.062, 1.059) and (0.936, 1.059),
 * measured by {@code python3 fsr-models/src/test/python/face_template.py ../shared/datasets}; the
 * offsets below the eye line are multiplied by 0.935, the vertical/horizontal scale ratio
 * (0.87/0.93) of the FSRNet crop relative to aligned CelebA. The result (128 frame):
 * nose (64.23, 67.02), mouth corners (48.38, 82.02) and (80.54, 81.76).
 */
public final class FaceTemplate {

    /** The side of the reference frame the template is given in. */
    public static final int REFERENCE_SIZE = 128;

    private static final double[] EYES = {45.8, 45.6, 82.6, 45.3};
    private static final double[][] EYE_FRAME = {{0.496, 0.627}, {0.062, 1.059}, {0.936, 1.059}};
    private static final double VERTICAL_RATIO = 0.87 / 0.93;

    private static final Landmarks REFERENCE = reference();

    private FaceTemplate() {}

    private static Landmarks reference() {
        double lx = EYES[0];
        double ly = EYES[1];
        double dx = EYES[2] - lx;
        double dy = EYES[3] - ly;
        double d = Math.hypot(dx, dy);
        // unit vector down the face: the eye vector turned by +90 degrees (y points down)
        double px = -dy / d;
        double py = dx / d;
        double[] xy = new double[10];
        System.arraycopy(EYES, 0, xy, 0, 4);
        for (int i = 0; i < 3; i++) {
            double u = EYE_FRAME[i][0];
            double v = EYE_FRAME[i][1] * VERTICAL_RATIO * d;
            xy[4 + 2 * i] = lx + u * dx + v * px;
            xy[5 + 2 * i] = ly + u * dy + v * py;
        }
        return Landmarks.of(xy);
    }

    /**
     * Returns the template in the 128x128 reference frame.
     *
     * @return the 5 template points
     */
    public static Landmarks reference128() {
        return REFERENCE;
    }

    /**
     * Returns the template for a square crop of another side, scaled on the pixel-edge grid
     * ({@code p' = (p + 0.5) size / 128 - 0.5}), as resizing the 128 crop to that side would place
     * it.
     *
     * @param size the crop side, positive
     * @return the 5 template points in that crop
     */
    public static Landmarks forSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("The crop size must be positive, got " + size);
        }
        return REFERENCE.transform(dev.facesr.core.pipeline.Affine2D.resampling((double) size / REFERENCE_SIZE));
    }
}
