package dev.facesr.models.facade.align;

import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.Landmarks;

/**
 * The least-squares similarity (rotation, uniform scale, translation; no reflection) between two
 * point sets: Umeyama's closed form, which in 2-D reduces to two sums.
 */
public final class SimilarityFit {

    private SimilarityFit() {}

    /**
     * Fits the similarity that maps {@code from} onto {@code to} with the least squared error.
     *
     * @param from the source points
     * @param to the target points, as many as the source
     * @return the map from source to target coordinates
     * @throws IllegalArgumentException if the counts differ, there are fewer than 2 points or the
     *     source points all coincide
     */
    public static Affine2D fit(Landmarks from, Landmarks to) {
        int n = from.size();
        if (n != to.size() || n < 2) {
            throw new IllegalArgumentException("A similarity fit needs two sets of the same size (at least 2 "
                    + "points), got " + n + " and " + to.size());
        }
        double mx = 0;
        double my = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < n; i++) {
            mx += from.x(i) / n;
            my += from.y(i) / n;
            nx += to.x(i) / n;
            ny += to.y(i) / n;
        }
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double sx = from.x(i) - mx;
            double sy = from.y(i) - my;
            double tx = to.x(i) - nx;
            double ty = to.y(i) - ny;
            dot += sx * tx + sy * ty;
            cross += sx * ty - sy * tx;
            norm += sx * sx + sy * sy;
        }
        if (norm < 1e-9) {
            throw new IllegalArgumentException("The source points all coincide; no similarity can be fitted: "
                    + from);
        }
        double a = dot / norm;
        double b = cross / norm;
        if (Math.hypot(a, b) < 1e-9) {
            throw new IllegalArgumentException("The fitted scale is zero; the target points coincide: " + to);
        }
        return new Affine2D(a, -b, nx - (a * mx - b * my), b, a, ny - (b * mx + a * my));
    }
}
