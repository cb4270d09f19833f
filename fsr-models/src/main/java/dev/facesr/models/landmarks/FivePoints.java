package dev.facesr.models.landmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Derives the 5-point face landmarks from the 68-point iBUG layout (0-based indices): the eye
 * centres are the means of points 36-41 and 42-47, the nose tip is point 30 and the mouth
 * corners are points 48 and 54. The order is the usual alignment order: eye on the image left,
 * eye on the image right, nose tip, mouth corner on the image left, mouth corner on the image
 * right.
 */
public final class FivePoints {

    /** The number of landmarks of the iBUG 68-point layout. */
    public static final int IBUG_68 = 68;

    private FivePoints() {}

    /**
     * Derives 5 points from 68 points.
     *
     * @param landmarks68 (N, 68, 2) or (68, 2) positions
     * @return (N, 5, 2) or (5, 2) positions on the same manager
     * @throws IllegalArgumentException when the array is not (.., 68, 2)
     */
    public static NDArray from68(NDArray landmarks68) {
        Shape s = landmarks68.getShape();
        int d = s.dimension();
        if ((d != 2 && d != 3) || s.get(d - 2) != IBUG_68 || s.get(d - 1) != 2) {
            throw new IllegalArgumentException(
                    "FivePoints.from68 expects (N, 68, 2) or (68, 2) landmarks, got " + s);
        }
        NDArray x = d == 2 ? landmarks68.expandDims(0) : landmarks68;
        NDArray eyeA = x.get(":, 36:42, :").mean(new int[] {1}, true);
        NDArray eyeB = x.get(":, 42:48, :").mean(new int[] {1}, true);
        NDArray nose = x.get(":, 30:31, :");
        NDArray mouthA = x.get(":, 48:49, :");
        NDArray mouthB = x.get(":, 54:55, :");
        NDArray five = NDArrays.concat(new NDList(eyeA, eyeB, nose, mouthA, mouthB), 1);
        return d == 2 ? five.squeeze(0) : five;
    }

    /**
     * Derives 5 points from 68 points held in Java arrays.
     *
     * @param landmarks68 68 rows of {x, y}
     * @return 5 rows of {x, y}
     * @throws IllegalArgumentException when there are not 68 rows of 2 values
     */
    public static float[][] from68(float[][] landmarks68) {
        if (landmarks68 == null || landmarks68.length != IBUG_68) {
            throw new IllegalArgumentException(
                    "FivePoints.from68 expects 68 landmarks, got "
                            + (landmarks68 == null ? "null" : landmarks68.length));
        }
        for (float[] p : landmarks68) {
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("Every landmark must be {x, y}");
            }
        }
        return new float[][] {
            mean(landmarks68, 36, 42),
            mean(landmarks68, 42, 48),
            landmarks68[30].clone(),
            landmarks68[48].clone(),
            landmarks68[54].clone()
        };
    }

    private static float[] mean(float[][] points, int from, int to) {
        float x = 0f;
        float y = 0f;
        for (int i = from; i < to; i++) {
            x += points[i][0];
            y += points[i][1];
        }
        return new float[] {x / (to - from), y / (to - from)};
    }
}
