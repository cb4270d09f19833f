package dev.facesr.models.zoo;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.facesr.core.data.BorderMode;
import dev.facesr.core.data.ImageWarp;
import dev.facesr.core.data.Resampling;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.LandmarkEstimator;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link LandmarkEstimator} backed by a landmark zoo model ({@code landmarks68}: 68 points in the
 * 300-W order, see docs/model-cards/landmarks68.md).
 *
 * <p>How one face is measured: a square is cut around the face box as described by the {@link
 * Framing} (parts outside the photo are black, as in the training crops), resized to the model's
 * input (128x128, area resampling) and the heatmaps decoded; the points are mapped back to photo
 * pixels. Then, {@link #refinePasses()} times (default 1), the square is cut again exactly as the
 * training data were framed &mdash; centred on the centre of the predicted points' bounding box,
 * side {@value #TRAINING_SIDE} times its longer side &mdash; and the points predicted again. The
 * refinement makes the result depend little on the detector's box convention.
 *
 * <p>Points are in photo pixels, pixel-centre convention. {@link #estimate} returns 68 points;
 * {@link Landmarks#toFivePoint()} reduces them to the 5 the FaceSR aligner uses (FaceSR does that
 * itself). Thread-safe: every call creates and closes its own DJL {@code Predictor}. Closing the
 * estimator closes the model.
 */
public final class ZooLandmarkEstimator implements LandmarkEstimator {

    /** The shipped model's name. */
    public static final String DEFAULT_MODEL = "landmarks68";

    /**
     * The training framing: crop side / longer side of the points' bounding box (the {@code
     * landmarks68} crops were cut this way, datasets README).
     */
    public static final double TRAINING_SIDE = 1.6;

    /**
     * Where the first crop is cut relative to the face box: a square of side {@code sideScale *
     * max(box width, box height)} centred at {@code (box.x + centreU * box.width, box.y + centreV
     * * box.height)} (box edges on pixel edges).
     *
     * @param sideScale the crop side in box sides, {@literal > 0}
     * @param centreU the crop centre's x as a fraction of the box width from its left edge
     * @param centreV the crop centre's y as a fraction of the box height from its top edge
     */
    public record Framing(double sideScale, double centreU, double centreV) {

        /**
         * For a box that already frames the face like the training crops (e.g. a {@code
         * landmarks68} image, or a whole face crop): the box itself.
         */
        public static final Framing TRAINING_CROP = new Framing(1.0, 0.5, 0.5);

        /**
         * For the default {@link dev.facesr.models.detect.HaarFaceDetector} boxes, derived from
         * training data only: the Haar box template ({@link
         * dev.facesr.models.detect.BoxTemplateLandmarks#HAAR_ALT2_OFFSETS}, calibrated on {@code
         * landmarks68/train}) has eye centres 0.39 box widths apart and the eyes-mouth midpoint
         * at (0.51, 0.59) of the box; the {@code landmarks68/train} crops have eye centres 0.265
         * crop sides apart (median) and that midpoint at (0.50, 0.46). Hence side 1.47 box
         * widths, centre (0.50, 0.65).
         */
        public static final Framing HAAR_BOX = new Framing(1.47, 0.50, 0.65);

        /** Checks the values. */
        public Framing {
            if (!(sideScale > 0) || !Double.isFinite(sideScale) || !Double.isFinite(centreU)
                    || !Double.isFinite(centreV)) {
                throw new IllegalArgumentException("Framing needs a positive side scale and finite"
                        + " centre fractions, got " + sideScale + ", " + centreU + ", " + centreV);
            }
        }

        /**
         * The square crop for a box.
         *
         * @param box the face box
         * @return {left, top, side} in photo pixels (edges)
         */
        public double[] square(BoundingBox box) {
            double side = sideScale * Math.max(box.width(), box.height());
            double cx = box.x() + centreU * box.width();
            double cy = box.y() + centreV * box.height();
            return new double[] {cx - side / 2, cy - side / 2, side};
        }
    }

    private static final BufferedImageFactory IMAGES = new BufferedImageFactory();

    private final ModelCard card;
    private final ZooModel<Image, float[][]> model;
    private final Framing framing;
    private final int refinePasses;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wraps a loaded landmark model.
     *
     * @param card the model's card
     * @param model the model with its {@link LandmarkTranslator}; closed by {@link #close()}
     * @param framing how the first crop is cut around a face box
     * @param refinePasses how many times the crop is re-cut around the predicted points (0-3)
     */
    public ZooLandmarkEstimator(ModelCard card, ZooModel<Image, float[][]> model, Framing framing,
            int refinePasses) {
        if (card == null || model == null || framing == null) {
            throw new IllegalArgumentException("ZooLandmarkEstimator needs a card, a model and a framing");
        }
        if (card.kind() != ModelKind.LANDMARKS) {
            throw new IllegalArgumentException("Model '" + card.name() + "' is not a landmark model");
        }
        if (refinePasses < 0 || refinePasses > 3) {
            throw new IllegalArgumentException("refinePasses must be in [0, 3], got " + refinePasses);
        }
        this.card = card;
        this.model = model;
        this.framing = framing;
        this.refinePasses = refinePasses;
    }

    /**
     * Loads the shipped {@code landmarks68} from the classpath, framed for {@link
     * dev.facesr.models.detect.HaarFaceDetector} boxes, one refinement pass.
     *
     * @return the estimator; close it when done
     * @throws IllegalStateException when this build has no trained weights for it
     */
    public static ZooLandmarkEstimator load() {
        return load(Framing.HAAR_BOX, 1);
    }

    /**
     * Loads the shipped {@code landmarks68} from the classpath.
     *
     * @param framing how the first crop is cut around a face box
     * @param refinePasses re-crops around the predicted points (0-3)
     * @return the estimator; close it when done
     * @throws IllegalStateException when this build has no trained weights for it
     */
    public static ZooLandmarkEstimator load(Framing framing, int refinePasses) {
        FsrModelZoo zoo = FsrModelZoo.classpath();
        ModelCard card;
        try {
            card = zoo.card(DEFAULT_MODEL);
        } catch (ModelNotFoundException | IOException e) {
            throw new IllegalStateException("The landmark model '" + DEFAULT_MODEL
                    + "' is not on the classpath (fsr-models): " + e.getMessage(), e);
        }
        if (!card.hasWeights()) {
            throw new IllegalStateException(missingWeights(card, "this build of fsr-models"));
        }
        try {
            return new ZooLandmarkEstimator(card, zoo.loadLandmarks(DEFAULT_MODEL), framing, refinePasses);
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new IllegalStateException("Cannot load the landmark model '" + DEFAULT_MODEL + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Tells whether the classpath holds trained {@code landmarks68} weights (their card says so).
     *
     * @return true when {@link #load()} can succeed
     */
    public static boolean shippedWeightsPresent() {
        try {
            return FsrModelZoo.classpath().card(DEFAULT_MODEL).hasWeights();
        } catch (ModelNotFoundException | IOException e) {
            return false;
        }
    }

    /**
     * Loads a landmark model from a directory with the zoo layout (e.g. an export).
     *
     * @param modelDir the model directory
     * @param framing how the first crop is cut around a face box
     * @param refinePasses re-crops around the predicted points (0-3)
     * @return the estimator; close it when done
     * @throws IllegalStateException when the card has no weights or the model cannot be loaded
     */
    public static ZooLandmarkEstimator load(Path modelDir, Framing framing, int refinePasses) {
        try {
            ModelCard card = FsrModelZoo.cardOf(modelDir);
            if (!card.hasWeights()) {
                throw new IllegalStateException(missingWeights(card, modelDir.toString()));
            }
            return new ZooLandmarkEstimator(card, FsrModelZoo.loadLandmarks(modelDir), framing, refinePasses);
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new IllegalStateException("Cannot load the landmark model in " + modelDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static String missingWeights(ModelCard card, String where) {
        return "The landmark model '" + card.name() + "' in " + where + " has no trained weights (its"
                + " model card lists none); train and export one (TrainLandmarks, ExportLandmarkModel)"
                + " or use BoxTemplateLandmarks";
    }

    /** @return the model card */
    public ModelCard card() {
        return card;
    }

    /** @return the first-crop framing */
    public Framing framing() {
        return framing;
    }

    /** @return the number of refinement passes */
    public int refinePasses() {
        return refinePasses;
    }

    /** {@inheritDoc} */
    @Override
    public int pointCount() {
        Object p = card.arguments().get("landmarks");
        return p instanceof Number n ? n.intValue() : Landmarks.SIXTY_EIGHT;
    }

    /** {@inheritDoc} */
    @Override
    public Landmarks estimate(Image photo, BoundingBox box) {
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(box, "box");
        return toLandmarks(estimateAll(List.of(ImageConversions.fromDjlImage(photo)), List.of(box)).get(0));
    }

    /**
     * Estimates the points of many faces with one predictor, in batches.
     *
     * @param photos the photos (RGB)
     * @param boxes one face box per photo
     * @return per face, {@link #pointCount()} rows of {x, y} in photo pixels
     */
    public List<float[][]> estimateAll(List<FloatImage> photos, List<BoundingBox> boxes) {
        if (closed.get()) {
            throw new IllegalStateException("Landmark estimator '" + card.name() + "' is closed");
        }
        if (photos.size() != boxes.size()) {
            throw new IllegalArgumentException("estimateAll needs one box per photo, got " + photos.size()
                    + " photos and " + boxes.size() + " boxes");
        }
        List<double[]> squares = new ArrayList<>();
        for (BoundingBox b : boxes) {
            squares.add(framing.square(b));
        }
        try (Predictor<Image, float[][]> predictor = model.newPredictor()) {
            List<float[][]> points = predict(predictor, photos, squares);
            for (int pass = 0; pass < refinePasses; pass++) {
                squares.clear();
                for (float[][] p : points) {
                    squares.add(trainingSquare(p));
                }
                points = predict(predictor, photos, squares);
            }
            return points;
        } catch (TranslateException e) {
            throw new IllegalStateException("Landmark model '" + card.name() + "' failed: " + e.getMessage(), e);
        }
    }

    private List<float[][]> predict(Predictor<Image, float[][]> predictor, List<FloatImage> photos,
            List<double[]> squares) throws TranslateException {
        int size = card.inputSize();
        List<float[][]> out = new ArrayList<>(photos.size());
        for (int from = 0; from < photos.size(); from += 16) {
            int to = Math.min(photos.size(), from + 16);
            List<Image> crops = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                crops.add(crop(photos.get(i), squares.get(i), size));
            }
            List<float[][]> pts = predictor.batchPredict(crops);
            for (int i = from; i < to; i++) {
                out.add(cropToPhoto(pts.get(i - from), squares.get(i), size));
            }
        }
        return out;
    }

    /**
     * Cuts a square out of a photo and resizes it (black outside the photo, area resampling), as
     * the training crops were made.
     *
     * @param photo the photo
     * @param square {left, top, side} in photo pixels (edges)
     * @param size the output side
     * @return the crop as a DJL image
     */
    static Image crop(FloatImage photo, double[] square, int size) {
        double s = square[2] / size;
        // output pixel centre u -> photo x = left + (u + 0.5) * s - 0.5
        AffineTransform toPhoto = new AffineTransform(s, 0, 0, s, square[0] + 0.5 * s - 0.5,
                square[1] + 0.5 * s - 0.5);
        FloatImage rgb = photo.toRgb();
        float[] src = rgb.data();
        float toUnit = rgb.range() == ValueRange.BYTE ? 1f / 255f : 1f;
        float[] unit = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            unit[i] = src[i] * toUnit;
        }
        dev.facesr.core.degrade.FloatImage c = ImageWarp.warp(
                new dev.facesr.core.degrade.FloatImage(3, rgb.height(), rgb.width(), unit),
                toPhoto, size, size, Resampling.AREA, BorderMode.ZERO);
        FloatImage out = new FloatImage(c.data(), 3, size, size, ValueRange.UNIT);
        return IMAGES.fromImage(ImageConversions.toBufferedImage(out));
    }

    /**
     * Maps points from crop pixels to photo pixels (pixel-centre convention in both).
     *
     * @param points rows of {x, y} in crop pixels
     * @param square {left, top, side} of the crop in photo pixels (edges)
     * @param size the crop side in pixels
     * @return new rows of {x, y} in photo pixels
     */
    public static float[][] cropToPhoto(float[][] points, double[] square, int size) {
        double s = square[2] / size;
        float[][] out = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new float[] {
                (float) (square[0] + (points[i][0] + 0.5) * s - 0.5),
                (float) (square[1] + (points[i][1] + 0.5) * s - 0.5)
            };
        }
        return out;
    }

    /**
     * The training framing around a point set: centred on the centre of its bounding box, side
     * {@value #TRAINING_SIDE} times its longer side (pixel-centre points; the box spans the
     * points' extreme pixel edges).
     *
     * @param points rows of {x, y}
     * @return {left, top, side}
     */
    public static double[] trainingSquare(float[][] points) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (float[] p : points) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double side = Math.max(1.0, TRAINING_SIDE * Math.max(maxX - minX, maxY - minY));
        double cx = (minX + maxX) / 2 + 0.5;
        double cy = (minY + maxY) / 2 + 0.5;
        return new double[] {cx - side / 2, cy - side / 2, side};
    }

    private static Landmarks toLandmarks(float[][] points) {
        double[] xy = new double[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            xy[2 * i] = points[i][0];
            xy[2 * i + 1] = points[i][1];
        }
        return Landmarks.of(xy);
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }
}
