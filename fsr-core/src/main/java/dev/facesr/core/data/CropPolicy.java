package dev.facesr.core.data;

import java.awt.geom.AffineTransform;
import java.util.Objects;

/**
 * Which part of a source image becomes the face crop, and at what size.
 *
 * <p>The box is given in <em>pixel edges</em> of the source (the left edge of the image is
 * {@code 0}, its right edge is the width), and is mapped onto the output so that box edges land
 * on output edges: with the pixel-centre convention a source point maps as {@code x_out = (x_src
 * - left + 0.5) * outWidth / boxWidth - 0.5}. Parts of the box outside the source are filled by
 * the {@link BorderMode}. Resizing uses {@link Resampling#AREA} by default (area-like
 * supersampled bilinear); a MATLAB-style bicubic may be offered later through fsr-metrics.
 */
public final class CropPolicy {

    /** Keeps the decoded image as it is (no crop, no resize); augmentation works at native size. */
    public static final CropPolicy NONE =
            new CropPolicy(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0,
                    Resampling.AREA, BorderMode.REFLECT, "none");

    /**
     * FSRNet celeba-1000 framing from aligned CelebA (178x218): the box x 19.5-157.3, y
     * 57.6-204.9 (137.8 x 147.3 px, pixel edges) resized to 128x128, which puts the eye centres
     * near (46, 46) and (83, 45), about 36.5 px apart (datasets README, "Face scale"). Requires a
     * 178x218 source.
     */
    public static final CropPolicy FSRNET_CELEBA_128 =
            new CropPolicy(19.5, 57.6, 157.3, 204.9, 128, 128, 178, 218, Resampling.AREA,
                    BorderMode.REFLECT, "fsrnet-celeba-128");

    private final double left;
    private final double top;
    private final double right;
    private final double bottom;
    private final int outWidth;
    private final int outHeight;
    private final int expectedWidth;
    private final int expectedHeight;
    private final Resampling resampling;
    private final BorderMode border;
    private final String name;

    private CropPolicy(double left, double top, double right, double bottom, int outWidth,
            int outHeight, int expectedWidth, int expectedHeight, Resampling resampling,
            BorderMode border, String name) {
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        this.expectedWidth = expectedWidth;
        this.expectedHeight = expectedHeight;
        this.resampling = Objects.requireNonNull(resampling, "resampling");
        this.border = Objects.requireNonNull(border, "border");
        this.name = name;
    }

    /**
     * A fixed box resized to a fixed output size.
     *
     * @param left the box's left edge in source pixels
     * @param top the box's top edge
     * @param right the box's right edge (greater than left)
     * @param bottom the box's bottom edge (greater than top)
     * @param outWidth the output width in pixels
     * @param outHeight the output height in pixels
     * @return the policy
     */
    public static CropPolicy box(double left, double top, double right, double bottom,
            int outWidth, int outHeight) {
        if (!(Double.isFinite(left) && Double.isFinite(top) && right > left && bottom > top
                && Double.isFinite(right) && Double.isFinite(bottom))) {
            throw new IllegalArgumentException(
                    "A crop box needs finite edges with right > left and bottom > top, got x "
                            + left + "-" + right + ", y " + top + "-" + bottom);
        }
        checkOutput(outWidth, outHeight);
        return new CropPolicy(left, top, right, bottom, outWidth, outHeight, 0, 0,
                Resampling.AREA, BorderMode.REFLECT, "box");
    }

    /**
     * The whole source image resized to a fixed size (aspect not preserved).
     *
     * @param outWidth the output width
     * @param outHeight the output height
     * @return the policy
     */
    public static CropPolicy fullImage(int outWidth, int outHeight) {
        checkOutput(outWidth, outHeight);
        return new CropPolicy(Double.NaN, Double.NaN, Double.NaN, Double.NaN, outWidth,
                outHeight, 0, 0, Resampling.AREA, BorderMode.REFLECT, "full-image");
    }

    /**
     * The aligned-CelebA square x 0-178, y 40-218 (the "plain 178x178 crop" of the datasets
     * README) resized to {@code size x size}. Requires a 178x218 source.
     *
     * @param size the output side
     * @return the policy
     */
    public static CropPolicy celebASquare(int size) {
        checkOutput(size, size);
        return new CropPolicy(0, 40, 178, 218, size, size, 178, 218, Resampling.AREA,
                BorderMode.REFLECT, "celeba-square");
    }

    private static void checkOutput(int w, int h) {
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("Crop output size must be positive, got " + w + "x" + h);
        }
    }

    /**
     * @param resampling the resampling to use
     * @return a copy with that resampling
     */
    public CropPolicy withResampling(Resampling resampling) {
        return new CropPolicy(left, top, right, bottom, outWidth, outHeight, expectedWidth,
                expectedHeight, resampling, border, name);
    }

    /**
     * @param border the border rule to use
     * @return a copy with that border rule
     */
    public CropPolicy withBorder(BorderMode border) {
        return new CropPolicy(left, top, right, bottom, outWidth, outHeight, expectedWidth,
                expectedHeight, resampling, border, name);
    }

    /** @return the resampling */
    public Resampling resampling() {
        return resampling;
    }

    /** @return the border rule */
    public BorderMode border() {
        return border;
    }

    /**
     * @param sourceWidth the source width
     * @return the output width for that source
     */
    public int outputWidth(int sourceWidth) {
        return outWidth > 0 ? outWidth : sourceWidth;
    }

    /**
     * @param sourceHeight the source height
     * @return the output height for that source
     */
    public int outputHeight(int sourceHeight) {
        return outHeight > 0 ? outHeight : sourceHeight;
    }

    /**
     * Tells whether this policy, for a source of this size, returns the source unchanged.
     *
     * @param sourceWidth the source width
     * @param sourceHeight the source height
     * @return true for {@link #NONE} and for a full-image policy at the source size
     */
    public boolean keepsSource(int sourceWidth, int sourceHeight) {
        return Double.isNaN(left) && outputWidth(sourceWidth) == sourceWidth
                && outputHeight(sourceHeight) == sourceHeight;
    }

    /**
     * The map from output pixel coordinates to source pixel coordinates (both pixel-centre).
     *
     * @param sourceWidth the source width
     * @param sourceHeight the source height
     * @param draw the augmentation applied to the box (not the flip)
     * @return the transform
     * @throws IllegalArgumentException if the policy requires another source size
     */
    public AffineTransform outputToSource(int sourceWidth, int sourceHeight,
            FaceAugmentation.Draw draw) {
        if (expectedWidth > 0 && (sourceWidth != expectedWidth || sourceHeight != expectedHeight)) {
            throw new IllegalArgumentException(
                    "Crop policy " + name + " is defined on " + expectedWidth + "x" + expectedHeight
                            + " images, got " + sourceWidth + "x" + sourceHeight
                            + "; use CropPolicy.box(...) for other layouts");
        }
        double l = Double.isNaN(left) ? 0 : left;
        double t = Double.isNaN(top) ? 0 : top;
        double r = Double.isNaN(right) ? sourceWidth : right;
        double b = Double.isNaN(bottom) ? sourceHeight : bottom;
        int ow = outputWidth(sourceWidth);
        int oh = outputHeight(sourceHeight);
        double sqrtAspect = Math.sqrt(draw.aspect());
        double sx = (r - l) / ow * draw.scale() / sqrtAspect;
        double sy = (b - t) / oh * draw.scale() * sqrtAspect;
        AffineTransform tr = new AffineTransform();
        tr.translate((l + r) / 2 - 0.5, (t + b) / 2 - 0.5);
        // counter-clockwise on screen (y down) is a negative angle in the maths convention
        tr.rotate(-Math.toRadians(draw.rotationDegrees()));
        tr.scale(sx, sy);
        tr.translate(-(ow - 1) / 2.0, -(oh - 1) / 2.0);
        return tr;
    }

    @Override
    public String toString() {
        if (Double.isNaN(left)) {
            return "CropPolicy(" + name + (outWidth > 0 ? " -> " + outWidth + "x" + outHeight : "")
                    + ", " + resampling + ")";
        }
        return "CropPolicy(" + name + ": x " + left + "-" + right + ", y " + top + "-" + bottom
                + " -> " + outWidth + "x" + outHeight + ", " + resampling + ", " + border + ")";
    }
}
