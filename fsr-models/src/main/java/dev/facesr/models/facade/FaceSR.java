package dev.facesr.models.facade;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.ModelNotFoundException;
import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.AlignedFace;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.FaceAligner;
import dev.facesr.core.pipeline.FaceDetector;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.core.pipeline.FacePaster;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.core.pipeline.LandmarkEstimator;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.core.pipeline.PasteRegion;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.detect.BoxTemplateLandmarks;
import dev.facesr.models.detect.HaarFaceDetector;
import dev.facesr.models.facade.FaceSRException.Reason;
import dev.facesr.models.facade.align.SimilarityAligner;
import dev.facesr.models.facade.image.PhotoDecoder;
import dev.facesr.models.facade.image.RgbImages;
import dev.facesr.models.facade.paste.ColorMatching;
import dev.facesr.models.facade.paste.FeatheredPaster;
import dev.facesr.models.recognition.Candidate;
import dev.facesr.models.recognition.Gallery;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.TestTimeAugmentation;
import dev.facesr.models.zoo.ZooFaceEmbedder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Face super-resolution of whole photos: the entry point of the library.
 *
 * <p>{@link #upscale(PhotoInput)} decodes the photo ({@link PhotoDecoder}), finds every face
 * ({@link FaceDetector}), takes 5 landmarks per face (from the {@link LandmarkEstimator} if one
 * is set, else from the detector), aligns each face to the canonical framing of the upscaler's
 * input size keeping the inverse transform ({@link FaceAligner}), super-resolves the crops in
 * batches ({@link FaceUpscaler}), enlarges the whole photo by {@link #scale()} with MATLAB-style
 * bicubic ({@link MatlabResize}, float path, then rounded to 8 bits), pastes the restored faces
 * back ({@link FacePaster}) and, if an {@link FaceEmbedder} is set, embeds each restored face.
 *
 * <p>A built FaceSR is immutable and thread-safe (its components are thread-safe by contract);
 * it owns every component given to its builder and {@link #close() closes} them. Calls after
 * {@code close()} throw {@link FaceSRException} with reason {@link Reason#CLOSED}; {@code close()}
 * waits for calls in progress.
 *
 * <pre>{@code
 * try (FaceSR sr = FaceSR.builder().optDetector(detector).optUpscaler(upscaler).build()) {
 *     UpscaleResult result = sr.upscale(Path.of("photo.jpg"));
 * }
 * }</pre>
 */
public final class FaceSR implements AutoCloseable {

    private final FaceDetector detector;
    private final LandmarkEstimator landmarkEstimator;
    private final FaceUpscaler upscaler;
    private final FaceUpscaler largeFaceUpscaler;
    private final FaceEmbedder embedder;
    private final Gallery gallery;
    private final FaceAligner aligner;
    private final FacePaster paster;
    private final double scale;
    private final int batchSize;
    private final long maxOutputPixels;
    private final FailurePolicy failurePolicy;
    private final double maxFaceScale;
    private final Device device;
    private final PhotoDecoder decoder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private FaceSR(Builder b) {
        this.detector = b.detector;
        this.landmarkEstimator = b.landmarkEstimator;
        this.upscaler = b.upscaler;
        this.largeFaceUpscaler = b.largeFaceUpscaler;
        this.embedder = b.embedder;
        this.gallery = b.gallery;
        this.aligner = b.aligner != null ? b.aligner : new SimilarityAligner();
        this.paster = b.paster != null ? b.paster : new FeatheredPaster(b.featherFraction, b.colorMatching);
        this.scale = b.scale > 0 ? b.scale : (double) b.upscaler.outputSize() / b.upscaler.inputSize();
        this.batchSize = b.batchSize;
        this.maxOutputPixels = b.maxOutputPixels;
        this.failurePolicy = b.failurePolicy;
        this.maxFaceScale = b.maxFaceScale;
        this.device = b.device;
        this.decoder = new PhotoDecoder(b.maxInputPixels);
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the enlargement factor of whole photos.
     *
     * @return the scale
     */
    public double scale() {
        return scale;
    }

    /**
     * Returns the upscaler.
     *
     * @return the upscaler
     */
    public FaceUpscaler upscaler() {
        return upscaler;
    }

    /**
     * Returns the upscaler for faces too large for the main one, if any (see {@link
     * Builder#optLargeFaceModel(String)}).
     *
     * @return the large-face upscaler, if set
     */
    public Optional<FaceUpscaler> largeFaceUpscaler() {
        return Optional.ofNullable(largeFaceUpscaler);
    }

    /**
     * Returns the device models loaded by FaceSR itself run on, if one was set (components given
     * as objects keep their own device).
     *
     * @return the device, if set
     */
    public Optional<Device> device() {
        return Optional.ofNullable(device);
    }

    /**
     * Upscales a photo file.
     *
     * @param photo the file
     * @return the result
     */
    public UpscaleResult upscale(Path photo) {
        return upscale(PhotoInput.of(photo));
    }

    /**
     * Upscales an encoded photo.
     *
     * @param photo the bytes of a PNG, JPEG, ... file
     * @return the result
     */
    public UpscaleResult upscale(byte[] photo) {
        return upscale(PhotoInput.of(photo));
    }

    /**
     * Upscales a photo.
     *
     * @param photo the photo, any type
     * @return the result
     */
    public UpscaleResult upscale(BufferedImage photo) {
        return upscale(PhotoInput.of(photo));
    }

    /**
     * Upscales a DJL image.
     *
     * @param photo the photo
     * @return the result
     */
    public UpscaleResult upscale(Image photo) {
        return upscale(PhotoInput.of(photo));
    }

    /**
     * Upscales one photo: every face is restored and pasted into the bicubic-enlarged photo.
     *
     * @param photo the photo
     * @return the enlarged image and one record per face
     * @throws FaceSRException if the input cannot be decoded, is too small or too large, the
     *     detector fails, a face fails under {@link FailurePolicy#THROW}, or FaceSR is closed
     */
    public UpscaleResult upscale(PhotoInput photo) {
        return upscaleAll(List.of(photo == null ? PhotoInput.of((byte[]) null) : photo)).get(0);
    }

    /**
     * Upscales several photos; the faces of all of them are super-resolved together in batches.
     * All photos of the list and their results are held in memory at once, so split long lists.
     *
     * @param photos the photos
     * @return one result per photo, in order
     * @throws FaceSRException as {@link #upscale(PhotoInput)}; the message names the entry
     */
    public List<UpscaleResult> upscaleAll(List<PhotoInput> photos) {
        if (photos == null) {
            throw new IllegalArgumentException("The list of photos is null; pass a list (it may be empty)");
        }
        enter();
        try {
            List<Photo> work = new ArrayList<>(photos.size());
            for (int i = 0; i < photos.size(); i++) {
                work.add(prepare(photos.get(i), i, photos.size()));
            }
            List<Face> pending = new ArrayList<>();
            for (Photo p : work) {
                for (Face f : p.faces) {
                    if (f.aligned != null) {
                        pending.add(f);
                    }
                }
            }
            restore(pending);
            List<UpscaleResult> out = new ArrayList<>(work.size());
            for (Photo p : work) {
                out.add(finish(p));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Super-resolves a face that is already aligned to the upscaler's framing (no detection, no
     * paste-back). A crop of another size is first resized to the input size with {@link
     * MatlabResize} (a non-square crop is stretched).
     *
     * @param crop the aligned face crop
     * @return the restored crop, {@code outputSize} square
     */
    public BufferedImage upscaleAligned(PhotoInput crop) {
        return upscaleAlignedAll(List.of(crop == null ? PhotoInput.of((byte[]) null) : crop)).get(0);
    }

    /**
     * Super-resolves an aligned face; see {@link #upscaleAligned(PhotoInput)}.
     *
     * @param crop the aligned face crop
     * @return the restored crop
     */
    public BufferedImage upscaleAligned(BufferedImage crop) {
        return upscaleAligned(PhotoInput.of(crop));
    }

    /**
     * Super-resolves several aligned faces in batches; see {@link #upscaleAligned(PhotoInput)}.
     *
     * @param crops the aligned face crops
     * @return the restored crops, in order
     * @throws FaceSRException if an input cannot be decoded, the upscaler fails or FaceSR is closed
     */
    public List<BufferedImage> upscaleAlignedAll(List<PhotoInput> crops) {
        if (crops == null) {
            throw new IllegalArgumentException("The list of crops is null; pass a list (it may be empty)");
        }
        enter();
        try {
            int size = upscaler.inputSize();
            List<Image> inputs = new ArrayList<>(crops.size());
            for (int i = 0; i < crops.size(); i++) {
                FloatImage rgb = decode(crops.get(i), i, crops.size());
                if (rgb.width() != size || rgb.height() != size) {
                    rgb = MatlabResize.resize(rgb, size, size);
                }
                inputs.add(RgbImages.toDjl(rgb));
            }
            List<BufferedImage> out = new ArrayList<>(inputs.size());
            for (int from = 0; from < inputs.size(); from += batchSize) {
                List<Image> batch = inputs.subList(from, Math.min(inputs.size(), from + batchSize));
                List<Image> restored;
                try {
                    restored = runUpscaler(upscaler, batch);
                } catch (RuntimeException e) {
                    throw new FaceSRException(Reason.UPSCALER_FAILED, "The upscaler " + upscaler.name()
                            + " failed on aligned crops " + from + ".." + (from + batch.size() - 1) + ": "
                            + e.getMessage(), e);
                }
                for (Image r : restored) {
                    out.add(copyOf(r));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes FaceSR and every component it owns (detector, landmark estimator, upscaler,
     * embedder), after the calls in progress have finished. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.writeLock().lock();
        try {
            RuntimeException failure = null;
            for (AutoCloseable c : new AutoCloseable[] {detector, landmarkEstimator, upscaler, largeFaceUpscaler, embedder}) {
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("Closing a FaceSR component failed: " + e.getMessage(), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes the read lock, or throws if closed; callers unlock in finally. */
    private void enter() {
        lock.readLock().lock();
        if (closed.get()) {
            lock.readLock().unlock();
            throw new FaceSRException(Reason.CLOSED, "This FaceSR has been closed; build a new one");
        }
    }

    private FloatImage decode(PhotoInput input, int index, int count) {
        try {
            return decoder.decode(input);
        } catch (FaceSRException e) {
            if (count == 1) {
                throw e;
            }
            throw new FaceSRException(e.reason(), "entry " + index + " (" + input + "): "
                    + e.getMessage().substring(e.reason().toString().length() + 2), e);
        }
    }

    private Photo prepare(PhotoInput input, int index, int count) {
        FloatImage rgb = decode(input, index, count);
        long outW = MatlabResize.outputSize(rgb.width(), scale);
        long outH = MatlabResize.outputSize(rgb.height(), scale);
        if (outW * outH > maxOutputPixels) {
            throw new FaceSRException(Reason.IMAGE_TOO_LARGE, (count == 1 ? "" : "entry " + index + ": ")
                    + "enlarging " + rgb.width() + "x" + rgb.height() + " by " + scale + " gives " + outW + "x"
                    + outH + " = " + (outW * outH) + " pixels, more than the maximum of " + maxOutputPixels
                    + "; use a smaller photo or scale, or raise optMaxOutputPixels");
        }
        Photo photo = new Photo(index, rgb, (int) outW, (int) outH);
        Image djl = RgbImages.toDjl(rgb);
        List<DetectedFace> found;
        try {
            found = detector.detect(djl);
        } catch (RuntimeException e) {
            throw new FaceSRException(Reason.DETECTOR_FAILED, (count == 1 ? "" : "entry " + index + ": ")
                    + "the face detector failed: " + e.getMessage(), e);
        }
        if (found == null) {
            throw new FaceSRException(Reason.DETECTOR_FAILED, "the face detector returned null instead of a list");
        }
        List<Face> toAlign = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Face face = new Face(photo, i, found.get(i));
            photo.faces.add(face);
            locate(face, djl);
            if (face.landmarks != null) {
                toAlign.add(face);
            }
        }
        align(djl, toAlign);
        return photo;
    }

    private void locate(Face face, Image photo) {
        if (landmarkEstimator != null) {
            try {
                face.landmarks = landmarkEstimator.estimate(photo, face.detected.box()).toFivePoint();
            } catch (RuntimeException e) {
                fail(face, FaceStatus.LANDMARKS_FAILED, "the landmark estimator failed: " + e.getMessage(), e);
            }
        } else if (face.detected.landmarks() != null) {
            face.landmarks = face.detected.landmarks();
        } else {
            fail(face, FaceStatus.NO_LANDMARKS,
                    "the detector gave no landmarks and no landmark estimator is set (optLandmarkEstimator)", null);
        }
    }

    private void align(Image photo, List<Face> faces) {
        Map<FaceUpscaler, List<Face>> byUpscaler = new LinkedHashMap<>();
        for (Face f : faces) {
            try {
                FaceUpscaler chosen = chooseUpscaler(f);
                if (chosen != null) {
                    f.upscaler = chosen;
                    byUpscaler.computeIfAbsent(chosen, u -> new ArrayList<>()).add(f);
                }
            } catch (RuntimeException e) {
                fail(f, FaceStatus.ALIGNMENT_FAILED, e.getMessage(), e);
            }
        }
        for (Map.Entry<FaceUpscaler, List<Face>> group : byUpscaler.entrySet()) {
            List<Face> valid = group.getValue();
            List<Landmarks> points = new ArrayList<>();
            valid.forEach(f -> points.add(f.landmarks));
            try {
                List<AlignedFace> aligned = aligner.alignAll(photo, points, group.getKey().inputSize());
                for (int i = 0; i < valid.size(); i++) {
                    valid.get(i).aligned = aligned.get(i);
                }
            } catch (RuntimeException e) {
                for (Face f : valid) {
                    fail(f, FaceStatus.ALIGNMENT_FAILED, "the aligner failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The main upscaler when the face fits its framing (at most maxFaceScale times larger), else
     * the large-face upscaler when it fits that one, else null and the face is ALREADY_SHARP.
     */
    private FaceUpscaler chooseUpscaler(Face f) {
        double scaleToMain = SimilarityAligner.transform(f.landmarks, upscaler.inputSize()).scale();
        if (scaleToMain * maxFaceScale >= 1) {
            return upscaler;
        }
        String largeNote = "";
        if (largeFaceUpscaler != null) {
            double scaleToLarge = SimilarityAligner.transform(f.landmarks, largeFaceUpscaler.inputSize()).scale();
            if (scaleToLarge * maxFaceScale >= 1) {
                return largeFaceUpscaler;
            }
            largeNote = String.format(java.util.Locale.ROOT, " and %.1fx the %dpx framing of the large-face model %s",
                    1 / scaleToLarge, largeFaceUpscaler.inputSize(), largeFaceUpscaler.name());
        }
        f.status = FaceStatus.ALREADY_SHARP;
        f.message = String.format(java.util.Locale.ROOT, "the face is %.1fx the size of the model's %dpx input"
                + " framing%s (limit optMaxFaceScale = %.1f); kept from the bicubic enlargement",
                1 / scaleToMain, upscaler.inputSize(), largeNote, maxFaceScale);
        return null;
    }

    private void restore(List<Face> all) {
        Map<FaceUpscaler, List<Face>> byUpscaler = new LinkedHashMap<>();
        for (Face f : all) {
            byUpscaler.computeIfAbsent(f.upscaler, u -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<FaceUpscaler, List<Face>> group : byUpscaler.entrySet()) {
            FaceUpscaler model = group.getKey();
            List<Face> faces = group.getValue();
            for (int from = 0; from < faces.size(); from += batchSize) {
                List<Face> batch = faces.subList(from, Math.min(faces.size(), from + batchSize));
                List<Image> crops = new ArrayList<>(batch.size());
                batch.forEach(f -> crops.add(f.aligned.crop()));
                try {
                    List<Image> restored = runUpscaler(model, crops);
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).restored = restored.get(i);
                    }
                } catch (RuntimeException e) {
                    for (Face f : batch) {
                        fail(f, FaceStatus.UPSCALER_FAILED, "the upscaler " + model.name() + " failed: "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private List<Image> runUpscaler(FaceUpscaler upscaler, List<Image> crops) {
        List<Image> restored = upscaler.upscale(crops);
        if (restored == null || restored.size() != crops.size()) {
            throw new IllegalStateException("it returned " + (restored == null ? "null" : restored.size() + " crops")
                    + " for " + crops.size() + " inputs");
        }
        int size = upscaler.outputSize();
        for (Image r : restored) {
            if (r == null || r.getWidth() != size || r.getHeight() != size) {
                throw new IllegalStateException("it returned a crop of "
                        + (r == null ? "null" : r.getWidth() + "x" + r.getHeight()) + ", expected " + size + "x" + size);
            }
        }
        return restored;
    }

    private UpscaleResult finish(Photo photo) {
        FloatImage rgb = photo.rgb;
        float[] big = MatlabResize.resizePlanes(rgb.data(), 3, rgb.height(), rgb.width(), photo.outH, photo.outW,
                scale, scale);
        FloatImage canvas = RgbImages.clampInPlace(new FloatImage(big, 3, photo.outH, photo.outW, rgb.range()));
        Affine2D photoToOutput = Affine2D.resampling(scale);
        List<PasteRegion> regions = new ArrayList<>();
        for (Face f : photo.faces) {
            if (f.aligned != null) {
                Affine2D outToIn = Affine2D.resampling((double) f.upscaler.inputSize() / f.upscaler.outputSize());
                f.cropToOutput = outToIn.then(f.aligned.cropToPhoto()).then(photoToOutput);
            }
            if (f.restored != null) {
                regions.add(new PasteRegion(f.restored, f.cropToOutput));
            }
        }
        BufferedImage output;
        if (paster instanceof FeatheredPaster) {
            // fast path: paste into the float canvas, convert once
            for (PasteRegion region : regions) {
                ((FeatheredPaster) paster).pasteInto(canvas, RgbImages.fromDjl(region.crop()), region.cropToTarget());
            }
            output = ImageConversions.toBufferedImage(canvas);
        } else {
            Image enlarged = RgbImages.toDjl(canvas);
            output = regions.isEmpty() ? RgbImages.toBuffered(enlarged) : copyOf(paster.paste(enlarged, regions));
        }
        List<FaceResult> results = new ArrayList<>();
        for (Face f : photo.faces) {
            FaceStatus status = f.status;
            String message = f.message;
            float[] embedding = null;
            Candidate identity = null;
            if (f.restored != null && embedder != null) {
                try {
                    embedding = embedder.embed(f.restored);
                    identity = identify(embedding);
                } catch (RuntimeException e) {
                    status = FaceStatus.EMBEDDING_FAILED;
                    message = "the embedder failed: " + e.getMessage();
                }
            }
            results.add(new FaceResult(f.index, f.detected.box(), f.detected.score(),
                    Optional.ofNullable(f.landmarks),
                    Optional.ofNullable(f.aligned).map(a -> copyOf(a.crop())),
                    Optional.ofNullable(f.restored).map(FaceSR::copyOf),
                    Optional.ofNullable(f.cropToOutput), Optional.ofNullable(embedding),
                    Optional.ofNullable(identity), status, Optional.ofNullable(message)));
        }
        return new UpscaleResult(output, scale, rgb.width(), rgb.height(), Collections.unmodifiableList(results));
    }

    /** The best gallery match at or above the gallery's threshold, or null (no gallery, no match). */
    private Candidate identify(float[] embedding) {
        if (gallery == null || gallery.size() == 0) {
            return null;
        }
        Candidate best = gallery.rank(embedding, 1).get(0);
        return best.score() >= gallery.threshold().getAsDouble() ? best : null;
    }

    private void fail(Face face, FaceStatus status, String message, Throwable cause) {
        String where = "face " + face.index + " of entry " + face.photo.index + ": ";
        if (failurePolicy == FailurePolicy.THROW) {
            throw new FaceSRException(Reason.FACE_FAILED, where + status + ", " + message
                    + " (use optFailurePolicy(KEEP_ORIGINAL) to keep the original face instead)", cause);
        }
        face.status = status;
        face.message = message;
        face.aligned = status == FaceStatus.UPSCALER_FAILED ? face.aligned : null;
    }

    private static BufferedImage copyOf(Image image) {
        BufferedImage src = RgbImages.toBuffered(image);
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            out.setData(src.getRaster());
            return out;
        }
        return ImageConversions.toBufferedImage(PhotoDecoder.convert(src));
    }

    /**
     * Builds a {@link FaceSR}. {@code set*} settings are required, {@code opt*} ones optional;
     * {@link #build()} checks them all and says what to change. FaceSR takes ownership of the
     * components given here and closes them.
     */
    public static final class Builder {

        /** The default largest input photo, in pixels (width x height). */
        public static final long DEFAULT_MAX_INPUT_PIXELS = 16_000_000L;

        /** The default largest output image, in pixels. */
        public static final long DEFAULT_MAX_OUTPUT_PIXELS = 36_000_000L;

        /** The default number of faces per upscaler call. */
        public static final int DEFAULT_BATCH_SIZE = 8;

        /** The default feather width, as a fraction of the restored crop side. */
        public static final double DEFAULT_FEATHER_FRACTION = 0.08;

        /** The largest accepted whole-photo scale. */
        public static final double MAX_SCALE = 16;

        /** The shipped model used when neither an upscaler nor a model name is set. */
        public static final String DEFAULT_MODEL = "fsr-x8";

        /** The default large-face model, used next to the default main model: 4x, 32 px input. */
        public static final String DEFAULT_LARGE_FACE_MODEL = "fsr-x4";

        /** Default of {@link #optMaxFaceScale(double)}. */
        public static final double DEFAULT_MAX_FACE_SCALE = 1.5;

        private FaceDetector detector;
        private LandmarkEstimator landmarkEstimator;
        private FaceUpscaler upscaler;
        private String modelName;
        private TestTimeAugmentation testTimeAugmentation = TestTimeAugmentation.NONE;
        private FaceUpscaler largeFaceUpscaler;
        private String largeFaceModelName;
        private boolean largeFaceChosen;
        private FaceEmbedder embedder;
        private Gallery gallery;
        private FaceAligner aligner;
        private FacePaster paster;
        private double scale = -1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long maxInputPixels = DEFAULT_MAX_INPUT_PIXELS;
        private long maxOutputPixels = DEFAULT_MAX_OUTPUT_PIXELS;
        private FailurePolicy failurePolicy = FailurePolicy.KEEP_ORIGINAL;
        private double featherFraction = DEFAULT_FEATHER_FRACTION;
        private double maxFaceScale = DEFAULT_MAX_FACE_SCALE;
        private ColorMatching colorMatching = ColorMatching.MEAN;
        private Device device;

        Builder() {}

        /**
         * Sets the face detector. Default: {@link HaarFaceDetector#newDefault()} (OpenCV's offline
         * Haar cascade, boxes only) together with {@link BoxTemplateLandmarks#forHaarAlt2()} as the
         * landmark estimator when none is set (approximate 5 points; see docs/detection.md).
         *
         * @param detector the detector
         * @return this builder
         */
        public Builder optDetector(FaceDetector detector) {
            this.detector = detector;
            return this;
        }

        /**
         * Sets a landmark estimator; when set, its points are used instead of the detector's.
         * It must give 5 or 68 points.
         *
         * @param landmarkEstimator the estimator
         * @return this builder
         */
        public Builder optLandmarkEstimator(LandmarkEstimator landmarkEstimator) {
            this.landmarkEstimator = landmarkEstimator;
            return this;
        }

        /**
         * Sets the upscaler that restores aligned faces (any {@link FaceUpscaler}, e.g. your own
         * model). Without this or {@link #optModel(String)}, {@link #build()} loads the default
         * shipped model {@value #DEFAULT_MODEL} from the model zoo.
         *
         * @param upscaler any upscaler; the built FaceSR owns and closes it
         * @return this builder
         */
        public Builder optUpscaler(FaceUpscaler upscaler) {
            this.upscaler = upscaler;
            return this;
        }

        /**
         * Chooses a shipped model by name (see {@link FsrModelZoo#SHIPPED}); {@link #build()}
         * loads it once. Default: {@value #DEFAULT_MODEL}.
         *
         * @param name a shipped super-resolution model with trained weights, e.g. {@code fsr-x8}
         * @return this builder
         */
        public Builder optModel(String name) {
            this.modelName = name;
            return this;
        }

        /**
         * Chooses a second shipped model for faces too large for the main one: a face more than
         * {@link #optMaxFaceScale(double)} times the main model's input framing, but within that
         * limit of this model's framing, is restored by this model (e.g. {@code fsr-x4}, 32 px
         * input, for faces of about 24-48 px next to {@code fsr-x8} for 16-24 px). Default: {@value
         * #DEFAULT_LARGE_FACE_MODEL} when the main model is the default one, none otherwise;
         * {@code null} turns it off.
         *
         * @param name a shipped super-resolution model with trained weights, or null for none
         * @return this builder
         */
        public Builder optLargeFaceModel(String name) {
            this.largeFaceModelName = name;
            this.largeFaceChosen = true;
            return this;
        }

        /**
         * Sets the upscaler for faces too large for the main one; see {@link
         * #optLargeFaceModel(String)}. Its input must be larger than the main upscaler's.
         *
         * @param largeFaceUpscaler any upscaler (the built FaceSR owns and closes it), or null for none
         * @return this builder
         */
        public Builder optLargeFaceUpscaler(FaceUpscaler largeFaceUpscaler) {
            this.largeFaceUpscaler = largeFaceUpscaler;
            this.largeFaceChosen = true;
            return this;
        }

        /**
         * Runs the models this builder loads by name ({@link #optModel}, {@link
         * #optLargeFaceModel}, the defaults) with a test-time augmentation. {@link
         * TestTimeAugmentation#FLIP} also restores each face's mirror image and averages the two:
         * twice the compute for a small gain (fsr-x8 on CelebA-1000: +0.05 dB, docs/quality.md).
         * Default: {@link TestTimeAugmentation#NONE}. An upscaler of your own ({@link
         * #optUpscaler}) runs as you built it.
         *
         * @param testTimeAugmentation how to run the zoo models
         * @return this builder
         */
        public Builder optTestTimeAugmentation(TestTimeAugmentation testTimeAugmentation) {
            this.testTimeAugmentation = testTimeAugmentation;
            return this;
        }

        private FaceUpscaler loadModel(String name) {
            try {
                return FsrModelZoo.classpath().upscaler(name, testTimeAugmentation);
            } catch (ModelNotFoundException | MalformedModelException | IOException
                    | IllegalArgumentException e) {
                throw new IllegalStateException("The model '" + name + "' could not be loaded from the FaceSR"
                        + " model zoo: " + e.getMessage() + ". Pick a trained model with optModel(name) or pass"
                        + " your own with optUpscaler(upscaler)", e);
            }
        }

        /**
         * Sets an embedder; each restored face then gets an identity embedding.
         *
         * @param embedder the embedder
         * @return this builder
         */
        public Builder optEmbedder(FaceEmbedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /**
         * Sets a gallery of known people (e.g. one saved by the recognition facade); each restored
         * face is then matched against it and gets the best person whose score reaches the
         * gallery's threshold ({@link FaceResult#identity()}). Needs {@link #optEmbedder} with the
         * gallery's embedding space, and a gallery with a threshold.
         *
         * @param gallery the gallery (immutable; not owned)
         * @return this builder
         */
        public Builder optGallery(Gallery gallery) {
            this.gallery = gallery;
            return this;
        }

        /**
         * Replaces the aligner (default {@link SimilarityAligner}).
         *
         * @param aligner the aligner
         * @return this builder
         */
        public Builder optAligner(FaceAligner aligner) {
            this.aligner = aligner;
            return this;
        }

        /**
         * Replaces the paster (default {@link FeatheredPaster} with {@link #optFeather} and
         * {@link #optColorMatching}; those two options then have no effect).
         *
         * @param paster the paster
         * @return this builder
         */
        public Builder optPaster(FacePaster paster) {
            this.paster = paster;
            return this;
        }

        /**
         * Sets the enlargement factor of the whole photo (default: the upscaler's output/input
         * size ratio). Faces are pasted at whatever size this gives.
         *
         * @param scale a factor in [1, {@value #MAX_SCALE}]
         * @return this builder
         */
        public Builder optScale(double scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Sets how many faces go to the upscaler per call (default {@value #DEFAULT_BATCH_SIZE}).
         *
         * @param batchSize a size in [1, 1024]
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the largest input photo, width x height in pixels (default {@value
         * #DEFAULT_MAX_INPUT_PIXELS}); larger inputs are rejected from their header, before
         * decoding.
         *
         * @param maxInputPixels the limit, at least 16
         * @return this builder
         */
        public Builder optMaxInputPixels(long maxInputPixels) {
            this.maxInputPixels = maxInputPixels;
            return this;
        }

        /**
         * Sets the largest output image in pixels (default {@value #DEFAULT_MAX_OUTPUT_PIXELS}).
         * The enlargement holds several float copies of the output while it works, so this
         * bounds the memory a call can take.
         *
         * @param maxOutputPixels the limit, at least the input limit's 16 and at most 2^31/3
         * @return this builder
         */
        public Builder optMaxOutputPixels(long maxOutputPixels) {
            this.maxOutputPixels = maxOutputPixels;
            return this;
        }

        /**
         * Sets what happens when one face fails (default {@link FailurePolicy#KEEP_ORIGINAL}).
         *
         * @param failurePolicy the policy
         * @return this builder
         */
        public Builder optFailurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = failurePolicy;
            return this;
        }

        /**
         * Sets how much larger than the upscaler's input framing a face may be and still be
         * restored (default {@value #DEFAULT_MAX_FACE_SCALE}). A larger face already has more
         * detail than the model's small input crop can hold: it keeps its bicubic enlargement
         * and gets {@link FaceStatus#ALREADY_SHARP}.
         *
         * @param maxFaceScale at least 1
         * @return this builder
         */
        public Builder optMaxFaceScale(double maxFaceScale) {
            this.maxFaceScale = maxFaceScale;
            return this;
        }

        /**
         * Sets the feather width of the paste mask as a fraction of the restored crop side
         * (default {@value #DEFAULT_FEATHER_FRACTION}; 0 pastes a hard square).
         *
         * @param featherFraction a fraction in [0, 0.25]
         * @return this builder
         */
        public Builder optFeather(double featherFraction) {
            this.featherFraction = featherFraction;
            return this;
        }

        /**
         * Sets the colour matching of pasted faces (default {@link ColorMatching#MEAN}).
         *
         * @param colorMatching the mode
         * @return this builder
         */
        public Builder optColorMatching(ColorMatching colorMatching) {
            this.colorMatching = colorMatching;
            return this;
        }

        /**
         * Turns colour matching on ({@link ColorMatching#MEAN}) or off ({@link ColorMatching#NONE}).
         *
         * @param on whether to match colours
         * @return this builder
         */
        public Builder optColorMatching(boolean on) {
            return optColorMatching(on ? ColorMatching.MEAN : ColorMatching.NONE);
        }

        /**
         * Sets the device for models FaceSR loads itself (by name, once the model zoo is wired
         * in). Components passed as objects keep their own device.
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        private void checkGallery() {
            if (embedder == null) {
                throw new IllegalArgumentException("optGallery needs optEmbedder(embedder): faces are matched by"
                        + " their embeddings (the gallery was made with '" + gallery.model().name() + "')");
            }
            if (embedder.dimension() != gallery.model().dimension()) {
                throw new IllegalArgumentException("The gallery holds " + gallery.model().dimension() + "-d embeddings of '"
                        + gallery.model().name() + "' but the embedder gives " + embedder.dimension()
                        + "-d ones: use the embedder the gallery was made with");
            }
            if (embedder instanceof ZooFaceEmbedder zoo && !zoo.name().equals(gallery.model().name())) {
                throw new IllegalArgumentException("The gallery was made with the embedder '" + gallery.model().name()
                        + "' but optEmbedder is the zoo model '" + zoo.name() + "': use the same model");
            }
            if (gallery.threshold().isEmpty()) {
                throw new IllegalArgumentException("The gallery has no decision threshold: set one with"
                        + " gallery.withThreshold(t) or calibrate it (ThresholdCalibration) before optGallery");
            }
        }

        /**
         * Checks the settings and builds the FaceSR.
         *
         * @return the FaceSR
         * @throws IllegalStateException if a required component is missing
         * @throws IllegalArgumentException if a setting is out of range or the components do not fit
         */
        public FaceSR build() {
            if (upscaler != null && modelName != null) {
                throw new IllegalStateException("Both optUpscaler and optModel(\"" + modelName
                        + "\") are set: choose one");
            }
            if (scale != -1 && !(scale >= 1 && scale <= MAX_SCALE)) {
                throw new IllegalArgumentException("optScale must be in [1, " + MAX_SCALE + "], got " + scale);
            }
            if (batchSize < 1 || batchSize > 1024) {
                throw new IllegalArgumentException("optBatchSize must be in [1, 1024], got " + batchSize);
            }
            long min = (long) PhotoDecoder.MIN_SIDE * PhotoDecoder.MIN_SIDE;
            if (maxInputPixels < min) {
                throw new IllegalArgumentException("optMaxInputPixels must be at least " + min + ", got "
                        + maxInputPixels);
            }
            long maxArray = Integer.MAX_VALUE / 3;
            if (maxOutputPixels < min || maxOutputPixels > maxArray) {
                throw new IllegalArgumentException("optMaxOutputPixels must be in [" + min + ", " + maxArray
                        + "] (three float planes must fit in Java arrays), got " + maxOutputPixels);
            }
            if (failurePolicy == null) {
                throw new IllegalArgumentException("optFailurePolicy must not be null; use KEEP_ORIGINAL or THROW");
            }
            if (testTimeAugmentation == null) {
                throw new IllegalArgumentException("optTestTimeAugmentation must not be null; use NONE to turn it off");
            }
            boolean loadsByName = upscaler == null || largeFaceModelName != null;
            if (testTimeAugmentation != TestTimeAugmentation.NONE && !loadsByName) {
                throw new IllegalStateException("optTestTimeAugmentation applies to models loaded by name,"
                        + " but the upscalers were given with optUpscaler/optLargeFaceUpscaler; load them with"
                        + " FsrModelZoo.upscaler(name, TestTimeAugmentation." + testTimeAugmentation + ") instead");
            }
            if (colorMatching == null) {
                throw new IllegalArgumentException("optColorMatching must not be null; use NONE to turn it off");
            }
            if (!(maxFaceScale >= 1 && maxFaceScale <= 1000)) {
                throw new IllegalArgumentException("optMaxFaceScale must be in [1, 1000] (how much larger than the"
                        + " model's input framing a face may be and still be restored), got " + maxFaceScale);
            }
            if (!(featherFraction >= 0 && featherFraction <= 0.25)) {
                throw new IllegalArgumentException("optFeather must be in [0, 0.25] (a fraction of the crop side), got "
                        + featherFraction);
            }
            if (gallery != null) {
                checkGallery();
            }
            if (landmarkEstimator != null) {
                int points = landmarkEstimator.pointCount();
                if (points != Landmarks.FIVE && points != Landmarks.SIXTY_EIGHT) {
                    throw new IllegalArgumentException("The landmark estimator gives " + points
                            + " points; FaceSR can align with 5 or 68 points");
                }
            }
            if (largeFaceUpscaler != null && largeFaceModelName != null) {
                throw new IllegalStateException("Both optLargeFaceUpscaler and optLargeFaceModel(\""
                        + largeFaceModelName + "\") are set: choose one");
            }
            boolean defaultMain = upscaler == null && modelName == null;
            if (upscaler == null) {
                upscaler = loadModel(modelName == null ? DEFAULT_MODEL : modelName);
                modelName = null;
            }
            if (largeFaceModelName != null) {
                largeFaceUpscaler = loadModel(largeFaceModelName);
                largeFaceModelName = null;
            } else if (!largeFaceChosen && defaultMain) {
                largeFaceUpscaler = loadModel(DEFAULT_LARGE_FACE_MODEL);
            }
            if (largeFaceUpscaler != null && largeFaceUpscaler.inputSize() <= upscaler.inputSize()) {
                throw new IllegalArgumentException("The large-face upscaler " + largeFaceUpscaler.name()
                        + " takes " + largeFaceUpscaler.inputSize() + " px crops, not more than the main upscaler "
                        + upscaler.name() + "'s " + upscaler.inputSize() + " px: it would never be used. Give it a"
                        + " model with a larger input (e.g. fsr-x4 next to fsr-x8) or set none");
            }
            if (largeFaceUpscaler != null && largeFaceUpscaler.outputSize() < largeFaceUpscaler.inputSize()) {
                throw new IllegalArgumentException("The large-face upscaler " + largeFaceUpscaler.name()
                        + " has an output smaller than its input");
            }
            if (detector == null) {
                detector = HaarFaceDetector.newDefault();
                if (landmarkEstimator == null) {
                    landmarkEstimator = BoxTemplateLandmarks.forHaarAlt2();
                }
            }
            int in = upscaler.inputSize();
            int out = upscaler.outputSize();
            if (in < 4 || out < in) {
                throw new IllegalArgumentException("The upscaler " + upscaler.name() + " has input size " + in
                        + " and output size " + out + "; FaceSR needs an input of at least 4 px and an output at "
                        + "least as large as the input");
            }
            return new FaceSR(this);
        }
    }

    /** One photo in flight. */
    private static final class Photo {
        final int index;
        final FloatImage rgb;
        final int outW;
        final int outH;
        final List<Face> faces = new ArrayList<>();

        Photo(int index, FloatImage rgb, int outW, int outH) {
            this.index = index;
            this.rgb = rgb;
            this.outW = outW;
            this.outH = outH;
        }
    }

    /** One face in flight (confined to the calling thread). */
    private static final class Face {
        final Photo photo;
        final int index;
        final DetectedFace detected;
        Landmarks landmarks;
        FaceUpscaler upscaler;
        AlignedFace aligned;
        Image restored;
        Affine2D cropToOutput;
        FaceStatus status = FaceStatus.OK;
        String message;

        Face(Photo photo, int index, DetectedFace detected) {
            this.photo = photo;
            this.index = index;
            this.detected = detected;
        }
    }
}
