package dev.facesr.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.geom.AffineTransform;
import java.util.Arrays;

/**
 * An immutable set of 2-D landmarks in pixels of one image, pixel-centre convention ((0, 0) is
 * the centre of the top-left pixel, x right, y down).
 */
public final class Landmarks {

    private final float[] xy;

    /**
     * Wraps interleaved coordinates (copied).
     *
     * @param xy {@code x0, y0, x1, y1, ...}
     */
    public Landmarks(float[] xy) {
        if (xy.length == 0 || xy.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Landmarks need an even, non-zero number of coordinates, got " + xy.length);
        }
        this.xy = xy.clone();
    }

    /** @return the number of points */
    public int size() {
        return xy.length / 2;
    }

    /**
     * @param i the point index
     * @return its x coordinate
     */
    public float x(int i) {
        return xy[2 * i];
    }

    /**
     * @param i the point index
     * @return its y coordinate
     */
    public float y(int i) {
        return xy[2 * i + 1];
    }

    /** @return a copy of the interleaved coordinates */
    public float[] toArray() {
        return xy.clone();
    }

    /**
     * Maps every point through an affine transform.
     *
     * @param transform the transform, from this image's pixels to the new image's pixels
     * @return the mapped points
     */
    public Landmarks transform(AffineTransform transform) {
        double[] src = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            src[i] = xy[i];
        }
        double[] dst = new double[xy.length];
        transform.transform(src, 0, dst, 0, size());
        float[] out = new float[xy.length];
        for (int i = 0; i < xy.length; i++) {
            out[i] = (float) dst[i];
        }
        return new Landmarks(out);
    }

    /**
     * Mirrors the points for a horizontally flipped image ({@code x -> width - 1 - x}) and
     * reorders them with the scheme's mirror map, so "image-left eye" stays image-left.
     *
     * @param width the image width in pixels
     * @param scheme the landmark set (must have as many points as this)
     * @return the flipped points
     */
    public Landmarks flipHorizontal(int width, LandmarkScheme scheme) {
        if (scheme.points() != size()) {
            throw new IllegalArgumentException(
                    "Cannot flip " + size() + " landmarks with the " + scheme + " scheme ("
                            + scheme.points() + " points)");
        }
        float[] out = new float[xy.length];
        for (int i = 0; i < size(); i++) {
            int j = scheme.mirrorOf(i);
            out[2 * i] = width - 1 - xy[2 * j];
            out[2 * i + 1] = xy[2 * j + 1];
        }
        return new Landmarks(out);
    }

    /**
     * Copies the points into a (P, 2) float32 tensor.
     *
     * @param manager the owner of the result
     * @return the tensor
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(xy, new Shape(size(), 2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks && Arrays.equals(xy, ((Landmarks) o).xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks[" + size() + " points]";
    }
}
