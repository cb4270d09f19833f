package dev.facesr.models.facade.align;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.AlignedFace;
import dev.facesr.core.pipeline.FaceAligner;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.facade.image.RgbImages;
import dev.facesr.models.facade.image.Warp;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns a face by the least-squares similarity ({@link SimilarityFit}) from its 5 landmarks to
 * the {@link FaceTemplate} scaled to the crop size.
 *
 * <p>Sampling: when the crop has fewer pixels per face than the photo (the usual case: a 16x16
 * input from a large photo), the face is first warped bilinearly to an intermediate crop {@code m}
 * times the target side, with {@code m = ceil(photo px per crop px)} (at most 2048 px), then
 * reduced with {@link MatlabResize} (antialiased bicubic), i.e. the same bicubic degradation the
 * models were trained on. Points outside the photo take the nearest edge pixel. Stateless and
 * thread-safe.
 */
public final class SimilarityAligner implements FaceAligner {

    /** The largest side of the intermediate crop used for antialiasing. */
    public static final int MAX_INTERMEDIATE_SIDE = 2048;

    /** The smallest eye distance, in photo pixels, the aligner accepts. */
    public static final double MIN_EYE_DISTANCE = 1.0;

    @Override
    public AlignedFace align(Image photo, Landmarks landmarks, int size) {
        return alignAll(photo, List.of(landmarks), size).get(0);
    }

    @Override
    public List<AlignedFace> alignAll(Image photo, List<Landmarks> faces, int size) {
        FloatImage rgb = RgbImages.fromDjl(photo);
        List<AlignedFace> out = new ArrayList<>(faces.size());
        for (Landmarks face : faces) {
            Affine2D photoToCrop = transform(face, size);
            out.add(new AlignedFace(RgbImages.toDjl(warp(rgb, photoToCrop, size)), photoToCrop));
        }
        return out;
    }

    /**
     * Returns the photo-to-crop map for a face, without warping.
     *
     * @param landmarks 5 or 68 landmarks in photo pixels
     * @param size the crop side
     * @return the similarity from photo to crop pixels
     * @throws IllegalArgumentException if the landmarks are degenerate (eyes closer than {@value
     *     #MIN_EYE_DISTANCE} px) or the size is not positive
     */
    public static Affine2D transform(Landmarks landmarks, int size) {
        Landmarks five = landmarks.toFivePoint();
        double eyes = Math.hypot(five.x(1) - five.x(0), five.y(1) - five.y(0));
        if (!(eyes >= MIN_EYE_DISTANCE)) {
            throw new IllegalArgumentException("The eye centres are " + String.format("%.3f", eyes)
                    + " px apart; a face needs at least " + MIN_EYE_DISTANCE + " px between its eyes: " + five);
        }
        return SimilarityFit.fit(five, FaceTemplate.forSize(size));
    }

    /**
     * Warps a photo to a square crop through a photo-to-crop map, antialiased as described above.
     *
     * @param photo the photo (any channels and range)
     * @param photoToCrop the map from photo to crop pixels
     * @param size the crop side
     * @return the crop
     */
    public static FloatImage warp(FloatImage photo, Affine2D photoToCrop, int size) {
        double photoPxPerCropPx = 1.0 / photoToCrop.scale();
        int m = (int) Math.ceil(photoPxPerCropPx - 1e-6);
        m = Math.max(1, Math.min(m, MAX_INTERMEDIATE_SIDE / size));
        if (m <= 1) {
            return Warp.affine(photo, photoToCrop.inverse(), size, size);
        }
        Affine2D toBig = photoToCrop.then(Affine2D.resampling(m));
        FloatImage big = Warp.affine(photo, toBig.inverse(), size * m, size * m);
        return MatlabResize.resize(big, size, size);
    }
}
