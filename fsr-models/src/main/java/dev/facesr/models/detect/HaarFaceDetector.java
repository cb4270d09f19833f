package dev.facesr.models.detect;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.FaceDetector;
import dev.facesr.models.facade.image.RgbImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * A {@link FaceDetector} on OpenCV's Viola-Jones cascade {@code haarcascade_frontalface_alt2.xml}
 * (shipped in {@code org.openimaj:object-detection}, New BSD licence; any other OpenCV cascade
 * file can be given). It runs offline on the CPU and returns <b>boxes only</b>: no landmarks, so
 * the FaceSR facade needs a {@link dev.facesr.core.pipeline.LandmarkEstimator} with it (for
 * example the approximate {@link BoxTemplateLandmarks}).
 *
 * <p>Recipe per photo: grey (ITU-R 601 weights), resized by the working scale (see {@link
 * Builder#optMinFaceSize(int)} and {@link Builder#optMaxInputSide(int)}), histogram-equalised,
 * {@code detectMultiScale2} once per roll angle (the image is rotated about its centre on an
 * enlarged canvas and the boxes are mapped back upright), then non-maximum suppression over all
 * angles. The score is the number of neighbouring raw detections OpenCV merged into the box
 * (3 or more with the default settings).
 *
 * <p>Measured (docs/detection.md, synthetic 1280x720 group photos of real faces, default
 * settings): recall about 0.9 for faces of 40 px and more, 0.44 at 20 px, 0.25 at 15 px; 0.17
 * false positives per photo; 0.74 s wall-clock per photo on a shared 2-core machine. A face rolled by 15 degrees
 * is found much less often unless {@link Builder#optRollAngles(double...)} includes its angle.
 *
 * <p>Thread-safe: OpenCV's {@code CascadeClassifier} is not, so each concurrent call borrows its
 * own classifier from a pool (one is created per thread that calls at the same time). {@link
 * #close()} drops the pool; later calls throw {@link IllegalStateException}.
 */
public final class HaarFaceDetector implements FaceDetector {

    /** The class-path resource of the default cascade (in {@code org.openimaj:object-detection}). */
    public static final String DEFAULT_CASCADE_RESOURCE =
            "org/openimaj/image/objectdetection/haar/haarcascade_frontalface_alt2.xml";

    /** The side of the cascade's detection window, in pixels: the smallest face it sees unscaled. */
    public static final int CASCADE_WINDOW = 20;

    private final Path cascadeFile;
    private final int minFaceSize;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int maxInputSide;
    private final double[] rollAngles;
    private final double nmsIou;
    private final ConcurrentLinkedDeque<CascadeClassifier> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HaarFaceDetector(Builder b, Path cascadeFile) {
        this.cascadeFile = cascadeFile;
        this.minFaceSize = b.minFaceSize;
        this.scaleFactor = b.scaleFactor;
        this.minNeighbors = b.minNeighbors;
        this.maxInputSide = b.maxInputSide;
        this.rollAngles = b.rollAngles.clone();
        this.nmsIou = b.nmsIou;
    }

    /**
     * Creates a builder with the defaults (alt2 cascade, 20 px faces, scale step 1.1, 3
     * neighbours, upright only, photos reduced to 2048 px on the longer side).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a detector with the default settings.
     *
     * @return the detector
     */
    public static HaarFaceDetector newDefault() {
        return builder().build();
    }

    /**
     * The scale the photo is resized by before detection: {@code 20 / minFaceSize} when the
     * smallest face asked for is below the cascade window (pre-upscaling), else 1, then reduced
     * so that the longer side is at most the maximum input side.
     *
     * @param width the photo width
     * @param height the photo height
     * @return the working scale, positive
     */
    public double workingScale(int width, int height) {
        double factor = minFaceSize < CASCADE_WINDOW ? (double) CASCADE_WINDOW / minFaceSize : 1.0;
        int longest = Math.max(width, height);
        if (longest * factor > maxInputSide) {
            factor = (double) maxInputSide / longest;
        }
        return factor;
    }

    /**
     * Finds the frontal faces of a photo.
     *
     * @param photo an RGB photo
     * @return the boxes, best (most neighbours) first, in photo pixels, without landmarks
     * @throws IllegalStateException if the detector is closed
     */
    @Override
    public List<DetectedFace> detect(Image photo) {
        Objects.requireNonNull(photo, "photo");
        if (closed.get()) {
            throw new IllegalStateException("This HaarFaceDetector is closed; build a new one");
        }
        BufferedImage image = RgbImages.toBuffered(photo);
        int w = image.getWidth();
        int h = image.getHeight();
        double factor = workingScale(w, h);
        List<Mat> mats = new ArrayList<>();
        CascadeClassifier classifier = borrow();
        try {
            Mat grey = track(mats, new Mat(h, w, CvType.CV_8UC1));
            grey.put(0, 0, grey(image));
            Mat work = grey;
            if (factor != 1.0) {
                work = track(mats, new Mat());
                Imgproc.resize(grey, work, new Size(Math.max(1, Math.round(w * factor)),
                        Math.max(1, Math.round(h * factor))), 0, 0, factor > 1 ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA);
            }
            Imgproc.equalizeHist(work, work);
            double sx = (double) work.cols() / w;
            double sy = (double) work.rows() / h;
            int minSize = Math.max(CASCADE_WINDOW, (int) Math.round(minFaceSize * factor));
            List<Candidate> all = new ArrayList<>();
            for (double angle : rollAngles) {
                detectAt(classifier, work, angle, minSize, sx, sy, mats, all);
            }
            return suppress(all);
        } finally {
            for (Mat m : mats) {
                m.release();
            }
            giveBack(classifier);
        }
    }

    private void detectAt(CascadeClassifier classifier, Mat work, double angle, int minSize, double sx, double sy,
            List<Mat> mats, List<Candidate> out) {
        Mat target = work;
        double[] inverse = {1, 0, 0, 0, 1, 0};
        if (angle != 0) {
            double rad = Math.toRadians(angle);
            double cos = Math.abs(Math.cos(rad));
            double sin = Math.abs(Math.sin(rad));
            int rw = (int) Math.ceil(work.cols() * cos + work.rows() * sin);
            int rh = (int) Math.ceil(work.cols() * sin + work.rows() * cos);
            Mat m = track(mats, Imgproc.getRotationMatrix2D(new Point((work.cols() - 1) / 2.0, (work.rows() - 1) / 2.0),
                    angle, 1.0));
            m.put(0, 2, m.get(0, 2)[0] + (rw - work.cols()) / 2.0);
            m.put(1, 2, m.get(1, 2)[0] + (rh - work.rows()) / 2.0);
            target = track(mats, new Mat());
            Imgproc.warpAffine(work, target, m, new Size(rw, rh), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT,
                    new Scalar(0));
            Mat inv = track(mats, new Mat());
            Imgproc.invertAffineTransform(m, inv);
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    inverse[3 * r + c] = inv.get(r, c)[0];
                }
            }
        }
        MatOfRect rects = track(mats, new MatOfRect());
        MatOfInt counts = track(mats, new MatOfInt());
        classifier.detectMultiScale2(target, rects, counts, scaleFactor, minNeighbors, 0, new Size(minSize, minSize),
                new Size());
        if (rects.empty()) {
            return; // (toArray() of an empty MatOfInt throws)
        }
        Rect[] found = rects.toArray();
        int[] neighbours = counts.empty() ? new int[0] : counts.toArray();
        for (int i = 0; i < found.length; i++) {
            Rect r = found[i];
            // centre in pixel-centre coordinates of the rotated image, mapped back (OpenCV's warp uses pixel centres)
            double cx = r.x + r.width / 2.0 - 0.5;
            double cy = r.y + r.height / 2.0 - 0.5;
            double ox = inverse[0] * cx + inverse[1] * cy + inverse[2] + 0.5;
            double oy = inverse[3] * cx + inverse[4] * cy + inverse[5] + 0.5;
            double bw = r.width / sx;
            double bh = r.height / sy;
            BoundingBox box = new BoundingBox(ox / sx - bw / 2, oy / sy - bh / 2, bw, bh);
            double score = i < neighbours.length ? neighbours[i] : 0;
            out.add(new Candidate(box, score, Math.abs(angle)));
        }
    }

    private List<DetectedFace> suppress(List<Candidate> all) {
        all.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingDouble(c -> c.absAngle));
        List<DetectedFace> kept = new ArrayList<>();
        for (Candidate c : all) {
            boolean overlaps = false;
            for (DetectedFace k : kept) {
                if (iou(k.box(), c.box) > nmsIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(new DetectedFace(c.box, c.score, null));
            }
        }
        return kept;
    }

    /**
     * The intersection over union of two boxes.
     *
     * @param a a box
     * @param b another box
     * @return the overlap in [0, 1]
     */
    static double iou(BoundingBox a, BoundingBox b) {
        double ix = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double iy = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }

    private static byte[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                // OpenCV's fixed-point RGB2GRAY weights (0.299, 0.587, 0.114)
                out[y * w + x] = (byte) ((r * 4899 + g * 9617 + b * 1868 + 8192) >> 14);
            }
        }
        return out;
    }

    private static <T extends Mat> T track(List<Mat> mats, T mat) {
        mats.add(mat);
        return mat;
    }

    private CascadeClassifier borrow() {
        CascadeClassifier c = idle.poll();
        return c != null ? c : load(cascadeFile);
    }

    private void giveBack(CascadeClassifier c) {
        if (!closed.get()) {
            idle.push(c);
        }
    }

    private static CascadeClassifier load(Path file) {
        OpenCvNatives.load();
        CascadeClassifier c;
        try {
            c = new CascadeClassifier(file.toString());
        } catch (org.opencv.core.CvException e) {
            c = null;
        }
        if (c == null || c.empty()) {
            throw new IllegalArgumentException("OpenCV could not load a cascade from " + file
                    + "; give an OpenCV Haar or LBP cascade XML file");
        }
        return c;
    }

    /** Drops the pooled classifiers (OpenCV frees their native memory when they are collected). */
    @Override
    public void close() {
        closed.set(true);
        idle.clear();
    }

    @Override
    public String toString() {
        return "HaarFaceDetector[cascade=" + cascadeFile.getFileName() + ", minFaceSize=" + minFaceSize
                + ", scaleFactor=" + scaleFactor + ", minNeighbors=" + minNeighbors + ", rollAngles="
                + Arrays.toString(rollAngles) + ", maxInputSide=" + maxInputSide + "]";
    }

    private static final class Candidate {
        final BoundingBox box;
        final double score;
        final double absAngle;

        Candidate(BoundingBox box, double score, double absAngle) {
            this.box = box;
            this.score = score;
            this.absAngle = absAngle;
        }
    }

    private static Path defaultCascadeFile;

    /** The default cascade, copied once per JVM to a temporary file (OpenCV loads cascades from files only). */
    private static synchronized Path defaultCascade() {
        if (defaultCascadeFile != null && Files.isRegularFile(defaultCascadeFile)) {
            return defaultCascadeFile;
        }
        try (InputStream in = HaarFaceDetector.class.getClassLoader().getResourceAsStream(DEFAULT_CASCADE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The Haar cascade " + DEFAULT_CASCADE_RESOURCE + " is not on the"
                        + " class path; add org.openimaj:object-detection:1.3.10 (dependencies excluded) or give"
                        + " a cascade file with optCascade(Path)");
            }
            Path file = Files.createTempFile("fsr-haarcascade_frontalface_alt2", ".xml");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            defaultCascadeFile = file;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the Haar cascade to a temporary file (check java.io.tmpdir): "
                    + e.getMessage(), e);
        }
    }

    /** Builds a {@link HaarFaceDetector}; every setting is optional. */
    public static final class Builder {

        /** The default smallest face side, in photo pixels. */
        public static final int DEFAULT_MIN_FACE_SIZE = CASCADE_WINDOW;
        /** The default scale step between pyramid levels. */
        public static final double DEFAULT_SCALE_FACTOR = 1.1;
        /** The default number of neighbouring raw detections a face needs. */
        public static final int DEFAULT_MIN_NEIGHBORS = 3;
        /** The default longest side of the image the cascade runs on. */
        public static final int DEFAULT_MAX_INPUT_SIDE = 2048;
        /** The default overlap above which the weaker of two boxes is dropped. */
        public static final double DEFAULT_NMS_IOU = 0.3;

        private Path cascade;
        private int minFaceSize = DEFAULT_MIN_FACE_SIZE;
        private double scaleFactor = DEFAULT_SCALE_FACTOR;
        private int minNeighbors = DEFAULT_MIN_NEIGHBORS;
        private int maxInputSide = DEFAULT_MAX_INPUT_SIDE;
        private double[] rollAngles = {0};
        private double nmsIou = DEFAULT_NMS_IOU;

        private Builder() {}

        /**
         * Uses another OpenCV cascade file (Haar or LBP XML) instead of the bundled alt2 cascade.
         *
         * @param file the cascade file
         * @return this builder
         */
        public Builder optCascade(Path file) {
            this.cascade = file;
            return this;
        }

        /**
         * Sets the smallest face side to look for, in photo pixels (default 20, the cascade window).
         * Below 20 the photo is first upscaled by {@code 20 / minFaceSize} (bilinear), which finds
         * more small faces but costs about the square of that factor in time and gives more false
         * positives.
         *
         * @param pixels at least 8
         * @return this builder
         */
        public Builder optMinFaceSize(int pixels) {
            this.minFaceSize = pixels;
            return this;
        }

        /**
         * Sets the scale step of the detection pyramid (default 1.1; larger is faster and misses
         * more).
         *
         * @param factor in (1, 2]
         * @return this builder
         */
        public Builder optScaleFactor(double factor) {
            this.scaleFactor = factor;
            return this;
        }

        /**
         * Sets how many neighbouring raw detections a face needs (default 3; larger gives fewer
         * false positives and misses more).
         *
         * @param neighbours in [0, 50]
         * @return this builder
         */
        public Builder optMinNeighbors(int neighbours) {
            this.minNeighbors = neighbours;
            return this;
        }

        /**
         * Sets the longest side of the image the cascade runs on (default 2048): larger photos are
         * reduced first, so their faces below {@code 20 * longest / maxInputSide} pixels are not
         * found; this bounds the time per photo.
         *
         * @param pixels in [64, 16384]
         * @return this builder
         */
        public Builder optMaxInputSide(int pixels) {
            this.maxInputSide = pixels;
            return this;
        }

        /**
         * Sets the roll angles to search, in degrees, positive for a face turned clockwise as the
         * photo is displayed (default {@code 0} only). The cascade finds upright faces; with e.g.
         * {@code -15, 0, 15} the photo is also searched rotated back by each angle, and the
         * boxes are mapped back (upright, around the rotated box's centre) and merged by
         * non-maximum suppression. Each angle costs a full search.
         *
         * @param degrees distinct angles in [-90, 90]
         * @return this builder
         */
        public Builder optRollAngles(double... degrees) {
            this.rollAngles = degrees == null ? null : degrees.clone();
            return this;
        }

        /**
         * Sets the intersection over union above which the lower-scored of two boxes is dropped
         * (default 0.3).
         *
         * @param iou in (0, 1)
         * @return this builder
         */
        public Builder optNmsIou(double iou) {
            this.nmsIou = iou;
            return this;
        }

        /**
         * Checks the settings, loads the cascade once (so a bad file fails here) and builds the
         * detector.
         *
         * @return the detector
         * @throws IllegalArgumentException if a setting is out of range or the cascade cannot be loaded
         * @throws IllegalStateException if OpenCV's natives or the bundled cascade are missing
         * @throws UncheckedIOException if the bundled cascade cannot be copied to a temporary file
         */
        public HaarFaceDetector build() {
            if (minFaceSize < 8) {
                throw new IllegalArgumentException("optMinFaceSize must be at least 8 px, got " + minFaceSize
                        + " (the cascade cannot see smaller faces even after upscaling)");
            }
            if (!(scaleFactor > 1 && scaleFactor <= 2)) {
                throw new IllegalArgumentException("optScaleFactor must be in (1, 2], got " + scaleFactor);
            }
            if (minNeighbors < 0 || minNeighbors > 50) {
                throw new IllegalArgumentException("optMinNeighbors must be in [0, 50], got " + minNeighbors);
            }
            if (maxInputSide < 64 || maxInputSide > 16384) {
                throw new IllegalArgumentException("optMaxInputSide must be in [64, 16384] px, got " + maxInputSide);
            }
            if (!(nmsIou > 0 && nmsIou < 1)) {
                throw new IllegalArgumentException("optNmsIou must be in (0, 1), got " + nmsIou);
            }
            if (rollAngles == null || rollAngles.length == 0) {
                throw new IllegalArgumentException("optRollAngles needs at least one angle (0 for upright faces)");
            }
            for (int i = 0; i < rollAngles.length; i++) {
                if (!(rollAngles[i] >= -90 && rollAngles[i] <= 90)) {
                    throw new IllegalArgumentException("optRollAngles must be in [-90, 90] degrees, got " + rollAngles[i]);
                }
                for (int j = 0; j < i; j++) {
                    if (rollAngles[i] == rollAngles[j]) {
                        throw new IllegalArgumentException("optRollAngles has " + rollAngles[i] + " twice");
                    }
                }
            }
            Path file;
            if (cascade != null) {
                if (!Files.isRegularFile(cascade) || !Files.isReadable(cascade)) {
                    throw new IllegalArgumentException("optCascade: " + cascade + " is not a readable file");
                }
                file = cascade;
            } else {
                file = defaultCascade();
            }
            HaarFaceDetector detector = new HaarFaceDetector(this, file);
            detector.idle.push(load(file));
            return detector;
        }
    }
}
