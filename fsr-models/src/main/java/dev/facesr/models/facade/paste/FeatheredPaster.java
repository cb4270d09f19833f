package dev.facesr.models.facade.paste;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.FacePaster;
import dev.facesr.core.pipeline.PasteRegion;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.facade.image.RgbImages;
import dev.facesr.models.facade.image.Warp;
import java.util.List;
import java.util.Objects;

/**
 * Pastes restored crops through a feathered square mask, with optional colour matching.
 *
 * <p>The mask lives in crop pixels: with {@code f = featherFraction * side}, each axis ramps from
 * 0 to 1 with a smoothstep between distances {@code f/2} and {@code 3f/2} from the crop edge (an
 * erosion by {@code f/2} followed by a blur of width {@code f}); the 2-D mask is the product of
 * the two axes. {@code featherFraction = 0} gives a hard square. Each target pixel in the crop's
 * footprint is mapped back into the crop, the crop and mask are sampled bilinearly, the colours
 * are matched ({@link ColorMatching}, statistics weighted by the mask over the target region) and
 * the result is blended {@code mask * face + (1 - mask) * target}. A crop with more than 4/3 of a
 * pixel per target pixel is first reduced with {@link MatlabResize} so the paste does not alias.
 * Immutable and thread-safe.
 */
public final class FeatheredPaster implements FacePaster {

    private final double featherFraction;
    private final ColorMatching colorMatching;

    /**
     * Creates a paster.
     *
     * @param featherFraction the feather width as a fraction of the crop side, in [0, 0.25]
     * @param colorMatching how to match colours
     * @throws IllegalArgumentException if the fraction is out of range
     */
    public FeatheredPaster(double featherFraction, ColorMatching colorMatching) {
        if (!(featherFraction >= 0 && featherFraction <= 0.25)) {
            throw new IllegalArgumentException("The feather fraction must be in [0, 0.25] of the crop side, got "
                    + featherFraction);
        }
        this.featherFraction = featherFraction;
        this.colorMatching = Objects.requireNonNull(colorMatching, "colorMatching");
    }

    /**
     * Returns the feather width as a fraction of the crop side.
     *
     * @return the feather fraction
     */
    public double featherFraction() {
        return featherFraction;
    }

    /**
     * Returns the colour matching mode.
     *
     * @return the mode
     */
    public ColorMatching colorMatching() {
        return colorMatching;
    }

    @Override
    public Image paste(Image target, List<PasteRegion> faces) {
        FloatImage canvas = copy(RgbImages.fromDjl(target));
        for (PasteRegion face : faces) {
            pasteInto(canvas, RgbImages.fromDjl(face.crop()), face.cropToTarget());
        }
        return RgbImages.toDjl(canvas);
    }

    /**
     * Pastes one crop into a canvas in place (the fast path the facade uses).
     *
     * @param canvas an RGB image on the 0-255 scale, changed in place
     * @param crop the restored RGB crop, same range
     * @param cropToTarget the map from crop pixels to canvas pixels
     */
    public void pasteInto(FloatImage canvas, FloatImage crop, Affine2D cropToTarget) {
        int side = Math.max(crop.width(), crop.height());
        double targetPxPerCropPx = cropToTarget.scale();
        if (targetPxPerCropPx < 0.75) {
            int n = Math.max(4, (int) Math.round(side * targetPxPerCropPx));
            cropToTarget = Affine2D.resampling((double) side / n).then(cropToTarget);
            crop = MatlabResize.resize(crop, n, n);
            side = n;
        }
        Affine2D targetToCrop = cropToTarget.inverse();
        int w = canvas.width();
        int h = canvas.height();
        int cw = crop.width();
        int ch = crop.height();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] corner : new double[][] {{-0.5, -0.5}, {cw - 0.5, -0.5}, {-0.5, ch - 0.5}, {cw - 0.5, ch - 0.5}}) {
            double x = cropToTarget.applyX(corner[0], corner[1]);
            double y = cropToTarget.applyY(corner[0], corner[1]);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int x0 = Math.max(0, (int) Math.floor(minX));
        int y0 = Math.max(0, (int) Math.floor(minY));
        int x1 = Math.min(w - 1, (int) Math.ceil(maxX));
        int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
        if (x1 < x0 || y1 < y0) {
            return;
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        int n = bw * bh;
        float[] mask = new float[n];
        float[] face = new float[3 * n];
        float[] px = new float[crop.channels()];
        double feather = featherFraction * side;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                double u = targetToCrop.applyX(x0 + x, y0 + y);
                double v = targetToCrop.applyY(x0 + x, y0 + y);
                float m = (float) (ramp(u, cw, feather) * ramp(v, ch, feather));
                int i = y * bw + x;
                mask[i] = m;
                if (m > 0) {
                    Warp.sample(crop, u, v, px);
                    for (int k = 0; k < 3; k++) {
                        face[k * n + i] = px[crop.channels() == 1 ? 0 : k];
                    }
                }
            }
        }
        float[] d = canvas.data();
        int plane = w * h;
        for (int k = 0; k < 3; k++) {
            double[] fit = colourFit(d, k * plane, w, x0, y0, bw, bh, face, k * n, mask);
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    int i = y * bw + x;
                    float m = mask[i];
                    if (m <= 0) {
                        continue;
                    }
                    int o = k * plane + (y0 + y) * w + x0 + x;
                    double f = (face[k * n + i] - fit[0]) * fit[1] + fit[2];
                    double v = m * f + (1 - m) * d[o];
                    d[o] = (float) (v < 0 ? 0 : (v > 255 ? 255 : v));
                }
            }
        }
    }

    /** Returns {faceMean, gain, targetMean} for one channel (identity when matching is off). */
    private double[] colourFit(float[] canvas, int offset, int w, int x0, int y0, int bw, int bh,
            float[] face, int faceOffset, float[] mask) {
        if (colorMatching == ColorMatching.NONE) {
            return new double[] {0, 1, 0};
        }
        double sw = 0;
        double sf = 0;
        double sff = 0;
        double st = 0;
        double stt = 0;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int i = y * bw + x;
                double m = mask[i];
                if (m <= 0) {
                    continue;
                }
                double f = face[faceOffset + i];
                double t = canvas[offset + (y0 + y) * w + x0 + x];
                sw += m;
                sf += m * f;
                sff += m * f * f;
                st += m * t;
                stt += m * t * t;
            }
        }
        if (sw <= 0) {
            return new double[] {0, 1, 0};
        }
        double mf = sf / sw;
        double mt = st / sw;
        double gain = 1;
        if (colorMatching == ColorMatching.MEAN_STD) {
            double vf = Math.max(0, sff / sw - mf * mf);
            double vt = Math.max(0, stt / sw - mt * mt);
            gain = vf > 1e-6 ? Math.sqrt(vt / vf) : 1;
            gain = Math.max(0.5, Math.min(2, gain));
        }
        return new double[] {mf, gain, mt};
    }

    /** The 1-D mask along one crop axis of length {@code n} at position {@code p}. */
    static double ramp(double p, int n, double feather) {
        double edge = Math.min(p + 0.5, n - 0.5 - p);
        if (edge <= 0) {
            return 0;
        }
        if (feather <= 0) {
            return 1;
        }
        double t = (edge - feather / 2) / feather;
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }

    private static FloatImage copy(FloatImage image) {
        return new FloatImage(image.data().clone(), image.channels(), image.height(), image.width(), image.range());
    }
}
