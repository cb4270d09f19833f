package dev.facesr.models.recognition;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.AlignedFace;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.FaceAligner;
import dev.facesr.core.pipeline.FaceDetector;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.PhotoInput;
import dev.facesr.models.facade.align.FaceTemplate;
import dev.facesr.models.facade.align.SimilarityAligner;
import dev.facesr.models.facade.image.PhotoDecoder;
import dev.facesr.models.facade.image.RgbImages;
import dev.facesr.models.recognition.RecognitionException.Reason;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Face recognition for service code: enrol people, identify a face among them, verify that two
 * faces show the same person, with low-resolution probes handled by a {@link
 * LowResolutionStrategy}.
 *
 * <p>Every image is turned into a unit-length embedding: an {@linkplain FaceInput#aligned aligned
 * crop} is used as it is, a {@linkplain FaceInput#photo whole photo} goes through the detector
 * (largest face with 5 landmarks) and the aligner. A face smaller than the low-resolution
 * threshold is embedded with the chosen strategy (student embedder, super-resolution, or bicubic
 * enlargement); other faces are resized to the high-resolution size with MATLAB-style bicubic and
 * embedded by the high-resolution embedder. Scores are cosine similarities against each person's
 * template (the re-normalised mean of their enrolment embeddings); a score at or above the
 * threshold means "same person".
 *
 * <p><b>Thread safety.</b> All methods may be called concurrently. The gallery and the threshold
 * live in one immutable {@link Gallery} snapshot held in an {@link AtomicReference}: {@link
 * #identify} reads one snapshot and never sees a half-done enrolment; {@link #enroll}, {@link
 * #remove} and {@link #setThreshold} compute the next snapshot and swap it in (copy-on-write,
 * retried if another writer won). Embedding runs outside any lock.
 *
 * <p><b>Ownership.</b> The recognizer owns every component given to its builder (embedders,
 * FaceSR or upscaler, detector) and closes them in {@link #close()}, after the calls in progress
 * have finished; later calls that embed or change the gallery throw {@link RecognitionException}
 * with {@link Reason#CLOSED}, while {@link #gallery()}, {@link #names()}, {@link #threshold()} and
 * {@link #saveGallery} keep working on the last snapshot.
 */
public final class FaceRecognizer implements AutoCloseable {

    private final FaceEmbedder embedder;
    private final EmbedderId embedderId;
    private final FaceEmbedder lowResolutionEmbedder;
    private final FaceSR faceSR;
    private final FaceUpscaler upscaler;
    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final LowResolutionStrategy defaultStrategy;
    private final int lowResolutionThreshold;
    private final int highResolutionSize;
    private final PhotoDecoder decoder;
    private final AtomicReference<Gallery> gallery;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private FaceRecognizer(Builder b, Gallery initial) {
        this.embedder = b.embedder;
        this.embedderId = initial.model();
        this.lowResolutionEmbedder = b.lowResolutionEmbedder;
        this.faceSR = b.faceSR;
        this.upscaler = b.upscaler;
        this.detector = b.detector;
        this.aligner = b.aligner != null ? b.aligner : new SimilarityAligner();
        this.defaultStrategy = b.strategy;
        this.lowResolutionThreshold = b.lowResolutionThreshold;
        this.highResolutionSize = b.highResolutionSize;
        this.decoder = new PhotoDecoder(b.maxInputPixels);
        this.gallery = new AtomicReference<>(initial);
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
     * Returns the identity of the high-resolution embedder (the model of the gallery).
     *
     * @return the embedder identity
     */
    public EmbedderId embedderId() {
        return embedderId;
    }

    /**
     * Returns the strategy used for low-resolution probes when a call does not choose one.
     *
     * @return the default strategy
     */
    public LowResolutionStrategy defaultStrategy() {
        return defaultStrategy;
    }

    /**
     * Returns the face size, in pixels, below which a probe counts as low resolution.
     *
     * @return the threshold
     */
    public int lowResolutionThreshold() {
        return lowResolutionThreshold;
    }

    /**
     * Returns whether a strategy's component is configured ({@link LowResolutionStrategy#BICUBIC}
     * always is).
     *
     * @param strategy the strategy
     * @return true if probes can use it
     */
    public boolean supports(LowResolutionStrategy strategy) {
        switch (Objects.requireNonNull(strategy, "strategy")) {
            case STUDENT:
                return lowResolutionEmbedder != null;
            case SUPER_RESOLVE:
                return faceSR != null || upscaler != null;
            default:
                return true;
        }
    }

    /**
     * Returns the current gallery snapshot (immutable).
     *
     * @return the gallery
     */
    public Gallery gallery() {
        return gallery.get();
    }

    /**
     * Returns the enrolled names, in enrolment order.
     *
     * @return the names
     */
    public List<String> names() {
        return gallery.get().names();
    }

    /**
     * Returns the decision threshold of the current snapshot, if one is set.
     *
     * @return the threshold
     */
    public OptionalDouble threshold() {
        return gallery.get().threshold();
    }

    /**
     * Sets the decision threshold (kept in the gallery snapshot, so {@link #saveGallery} stores it).
     *
     * @param threshold a cosine similarity in [-1, 1], e.g. {@link CalibratedThreshold#threshold()}
     */
    public void setThreshold(double threshold) {
        Gallery.checkThreshold(threshold);
        ensureOpen();
        gallery.updateAndGet(g -> g.withThreshold(threshold));
    }

    /**
     * Replaces the whole gallery (e.g. one loaded elsewhere).
     *
     * @param next a gallery of this recognizer's embedder
     * @throws RecognitionException with {@link Reason#MODEL_MISMATCH} if it belongs to another model
     */
    public void replaceGallery(Gallery next) {
        Objects.requireNonNull(next, "gallery");
        ensureOpen();
        if (!next.model().equals(embedderId)) {
            throw new RecognitionException(Reason.MODEL_MISMATCH, "the gallery was made with " + next.model()
                    + " but this recognizer embeds with " + embedderId);
        }
        gallery.set(next);
    }

    /**
     * Loads a gallery file and makes it the current gallery (its threshold, if stored, becomes the
     * decision threshold; otherwise the current threshold is kept).
     *
     * @param file the gallery file
     * @throws GalleryFileException if the file is bad or made with another model
     */
    public void loadGallery(Path file) {
        ensureOpen();
        Gallery loaded = GalleryFile.load(file, embedderId);
        OptionalDouble current = threshold();
        if (loaded.threshold().isEmpty() && current.isPresent()) {
            loaded = loaded.withThreshold(current.getAsDouble());
        }
        gallery.set(loaded);
    }

    /**
     * Saves the current gallery snapshot atomically ({@link GalleryFile#save}).
     *
     * @param file the target file
     * @throws GalleryFileException if writing fails (the previous file is unchanged)
     */
    public void saveGallery(Path file) {
        GalleryFile.save(gallery.get(), file);
    }

    /**
     * Enrols a person with one or more images; a person already enrolled gets the images added.
     * Each image's embedding is kept, and the person's template becomes the re-normalised mean
     * of all their embeddings. Low-resolution images use the default strategy. Nothing changes if
     * any image fails.
     *
     * @param name the person's name
     * @param images the images, at least one
     * @return the person as enrolled now
     * @throws IllegalArgumentException if the name is bad or no image is given
     * @throws RecognitionException if an image cannot be embedded
     */
    public Identity enroll(String name, FaceInput... images) {
        Names.check(name);
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("enroll('" + name + "') needs at least one image");
        }
        enter();
        try {
            List<float[]> embeddings = new ArrayList<>(images.length);
            for (FaceInput image : images) {
                embeddings.add(embedChecked(image, defaultStrategy).vector());
            }
            return gallery.updateAndGet(g -> g.withEnrolled(name, embeddings)).get(name).orElseThrow();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Removes a person.
     *
     * @param name the name
     * @return true if the person was enrolled
     */
    public boolean remove(String name) {
        ensureOpen();
        Gallery before = gallery.getAndUpdate(g -> g.without(name));
        return before.get(name).isPresent();
    }

    /**
     * Identifies a face with the default low-resolution strategy.
     *
     * @param probe the face
     * @param k how many candidates to return at most, at least 1
     * @return the ranked candidates and the decision
     */
    public Identification identify(FaceInput probe, int k) {
        return identify(probe, k, defaultStrategy);
    }

    /**
     * Identifies a face: ranks the people of one gallery snapshot by cosine similarity.
     *
     * @param probe the face
     * @param k how many candidates to return at most, at least 1
     * @param strategy how to treat the probe if it is low resolution
     * @return the ranked candidates and whether the best passes the threshold
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws RecognitionException if no threshold is set, the probe cannot be embedded or the
     *     strategy is not configured
     */
    public Identification identify(FaceInput probe, int k, LowResolutionStrategy strategy) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        enter();
        try {
            requireThreshold(gallery.get()); // fail before the embedding work
            ProbeEmbedding e = embedChecked(probe, strategy);
            Gallery snapshot = gallery.get(); // one snapshot for the ranking and the decision
            return new Identification(snapshot.rank(e.vector(), k), requireThreshold(snapshot), snapshot.size(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Verifies two faces with the default strategy.
     *
     * @param first a face
     * @param second another face
     * @return the score and the decision
     */
    public Verification verify(FaceInput first, FaceInput second) {
        return verify(first, second, defaultStrategy);
    }

    /**
     * Verifies that two faces show the same person: cosine similarity of their embeddings against
     * the threshold.
     *
     * @param first a face
     * @param second another face
     * @param strategy how to treat a low-resolution face
     * @return the score and the decision
     * @throws RecognitionException if no threshold is set or a face cannot be embedded
     */
    public Verification verify(FaceInput first, FaceInput second, LowResolutionStrategy strategy) {
        enter();
        try {
            double threshold = requireThreshold(gallery.get());
            ProbeEmbedding a = embedChecked(first, strategy);
            ProbeEmbedding b = embedChecked(second, strategy);
            double score = Embeddings.dot(a.vector(), b.vector());
            return new Verification(score, threshold, score >= threshold, a, b);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Returns the cosine similarity of two faces without a decision (no threshold needed; used to
     * calibrate one).
     *
     * @param first a face
     * @param second another face
     * @param strategy how to treat a low-resolution face
     * @return the cosine similarity
     */
    public double similarity(FaceInput first, FaceInput second, LowResolutionStrategy strategy) {
        enter();
        try {
            return Embeddings.dot(embedChecked(first, strategy).vector(), embedChecked(second, strategy).vector());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Embeds one face.
     *
     * @param face the face
     * @param strategy how to treat it if it is low resolution
     * @return the unit-length embedding and how it was made
     * @throws RecognitionException if the face cannot be found or embedded
     */
    public ProbeEmbedding embed(FaceInput face, LowResolutionStrategy strategy) {
        enter();
        try {
            return embedChecked(face, strategy);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes the recognizer and every component it owns (embedders, FaceSR or upscaler,
     * detector), after the calls in progress have finished. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.writeLock().lock();
        try {
            RuntimeException failure = null;
            for (AutoCloseable c : new AutoCloseable[] {embedder, lowResolutionEmbedder, faceSR, upscaler, detector}) {
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("Closing a recognizer component failed: " + e.getMessage(), e);
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

    private void enter() {
        lock.readLock().lock();
        if (closed.get()) {
            lock.readLock().unlock();
            throw new RecognitionException(Reason.CLOSED, "this FaceRecognizer has been closed; build a new one");
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new RecognitionException(Reason.CLOSED, "this FaceRecognizer has been closed; build a new one");
        }
    }

    private static double requireThreshold(Gallery g) {
        return g.threshold().orElseThrow(() -> new RecognitionException(Reason.NO_THRESHOLD,
                "no decision threshold is set: calibrate one with ThresholdCalibration and call setThreshold(t) or "
                        + "Builder.optThreshold(t), or load a gallery that stores one"));
    }

    private ProbeEmbedding embedChecked(FaceInput input, LowResolutionStrategy strategy) {
        Objects.requireNonNull(input, "face input");
        Objects.requireNonNull(strategy, "strategy");
        FloatImage rgb = decoder.decode(input.image());
        FloatImage crop;
        int faceSize;
        if (input.kind() == FaceInput.Kind.ALIGNED) {
            crop = rgb;
            faceSize = Math.min(rgb.width(), rgb.height());
        } else {
            Located face = locate(rgb, input);
            crop = face.crop;
            faceSize = face.nativeSize;
        }
        if (faceSize >= lowResolutionThreshold) {
            return new ProbeEmbedding(runEmbedder(embedder, toHighResolution(crop), input, "high-resolution"),
                    faceSize, Optional.empty());
        }
        if (!supports(strategy)) {
            throw new RecognitionException(Reason.STRATEGY_UNAVAILABLE, input + " has a " + faceSize
                    + " px face, below the low-resolution threshold of " + lowResolutionThreshold + " px, and strategy "
                    + strategy + " needs " + (strategy == LowResolutionStrategy.STUDENT
                            ? "a low-resolution embedder (optLowResolutionEmbedder)"
                            : "a FaceSR or upscaler (optSuperResolution / optUpscaler)")
                    + "; choose another strategy or configure it");
        }
        float[] v;
        switch (strategy) {
            case STUDENT:
                v = runEmbedder(lowResolutionEmbedder, RgbImages.toDjl(crop), input, "low-resolution");
                break;
            case SUPER_RESOLVE:
                v = runEmbedder(embedder, toHighResolution(superResolve(crop, input)), input, "high-resolution");
                break;
            default:
                v = runEmbedder(embedder, toHighResolution(crop), input, "high-resolution");
        }
        return new ProbeEmbedding(v, faceSize, Optional.of(strategy));
    }

    private Image toHighResolution(FloatImage crop) {
        if (crop.width() != highResolutionSize || crop.height() != highResolutionSize) {
            crop = RgbImages.clampInPlace(MatlabResize.resize(crop, highResolutionSize, highResolutionSize));
        }
        return RgbImages.toDjl(crop);
    }

    private FloatImage superResolve(FloatImage crop, FaceInput input) {
        try {
            if (faceSR != null) {
                BufferedImage restored = faceSR.upscaleAligned(RgbImages.toBuffered(RgbImages.toDjl(crop)));
                return PhotoDecoder.convert(restored);
            }
            int size = upscaler.inputSize();
            FloatImage in = crop.width() == size && crop.height() == size ? crop
                    : RgbImages.clampInPlace(MatlabResize.resize(crop, size, size));
            List<Image> out = upscaler.upscale(List.of(RgbImages.toDjl(in)));
            if (out == null || out.size() != 1 || out.get(0) == null) {
                throw new IllegalStateException("the upscaler " + upscaler.name() + " returned "
                        + (out == null ? "null" : out.size() + " crops") + " for 1 input");
            }
            return RgbImages.fromDjl(out.get(0));
        } catch (RuntimeException e) {
            throw new RecognitionException(Reason.EMBEDDING_FAILED, "super-resolving " + input + " failed: "
                    + e.getMessage(), e);
        }
    }

    private float[] runEmbedder(FaceEmbedder which, Image crop, FaceInput input, String kind) {
        try {
            return Embeddings.normalized(which.embed(crop), embedderId.dimension(),
                    "The " + kind + " embedder's output for " + input);
        } catch (RuntimeException e) {
            throw new RecognitionException(Reason.EMBEDDING_FAILED, "the " + kind + " embedder failed on " + input
                    + ": " + e.getMessage(), e);
        }
    }

    /** A face found in a photo: its crop and its native size. */
    private static final class Located {
        final FloatImage crop;
        final int nativeSize;

        Located(FloatImage crop, int nativeSize) {
            this.crop = crop;
            this.nativeSize = nativeSize;
        }
    }

    private Located locate(FloatImage rgb, FaceInput input) {
        if (detector == null) {
            throw new RecognitionException(Reason.DETECTION_FAILED, input + " is a whole photo but no detector is "
                    + "set: call optDetector(detector), or pass an aligned crop with FaceInput.aligned(...)");
        }
        Image photo = RgbImages.toDjl(rgb);
        List<DetectedFace> faces;
        try {
            faces = detector.detect(photo);
        } catch (RuntimeException e) {
            throw new RecognitionException(Reason.DETECTION_FAILED, "the detector failed on " + input + ": "
                    + e.getMessage(), e);
        }
        DetectedFace best = null;
        if (faces != null) {
            for (DetectedFace f : faces) {
                if (f.landmarks() != null && (best == null
                        || f.box().width() * f.box().height() > best.box().width() * best.box().height())) {
                    best = f;
                }
            }
        }
        if (best == null) {
            throw new RecognitionException(Reason.NO_FACE, "no face with 5 landmarks was found in " + input
                    + (faces == null || faces.isEmpty() ? "" : " (" + faces.size() + " without landmarks)"));
        }
        Landmarks points = best.landmarks();
        Landmarks template = FaceTemplate.reference128();
        double photoEyes = Math.hypot(points.x(1) - points.x(0), points.y(1) - points.y(0));
        double templateEyes = Math.hypot(template.x(1) - template.x(0), template.y(1) - template.y(0));
        int nativeSize = (int) Math.round(FaceTemplate.REFERENCE_SIZE * photoEyes / templateEyes);
        int size = nativeSize >= lowResolutionThreshold ? highResolutionSize
                : Math.max(PhotoDecoder.MIN_SIDE, nativeSize);
        try {
            AlignedFace aligned = aligner.align(photo, points, size);
            return new Located(RgbImages.fromDjl(aligned.crop()), nativeSize);
        } catch (RuntimeException e) {
            throw new RecognitionException(Reason.DETECTION_FAILED, "aligning the face in " + input + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Builds a {@link FaceRecognizer}. {@code set*} settings are required, {@code opt*} ones
     * optional; {@link #build()} checks them all and says what to change. The recognizer takes
     * ownership of the components given here and closes them.
     */
    public static final class Builder {
        /** The default face size (px) below which a probe counts as low resolution. */
        public static final int DEFAULT_LOW_RESOLUTION_THRESHOLD = 32;

        /** The default side of the crops given to the high-resolution embedder. */
        public static final int DEFAULT_HIGH_RESOLUTION_SIZE = FaceTemplate.REFERENCE_SIZE;

        private FaceEmbedder embedder;
        private String embedderName;
        private FaceEmbedder lowResolutionEmbedder;
        private FaceSR faceSR;
        private FaceUpscaler upscaler;
        private FaceDetector detector;
        private FaceAligner aligner;
        private LowResolutionStrategy strategy;
        private int lowResolutionThreshold = DEFAULT_LOW_RESOLUTION_THRESHOLD;
        private int highResolutionSize = DEFAULT_HIGH_RESOLUTION_SIZE;
        private long maxInputPixels = FaceSR.Builder.DEFAULT_MAX_INPUT_PIXELS;
        private double threshold = Double.NaN;
        private boolean thresholdSet;
        private boolean strategySet;
        private Gallery gallery;
        private Path galleryFile;

        Builder() {}

        /**
         * Sets the high-resolution embedder and the name of its model (required). The name and
         * the embedder's dimension identify the gallery's model ({@link EmbedderId}), so name
         * different weights differently.
         *
         * @param embedder the embedder (the teacher)
         * @param modelName the model name, e.g. {@code "arcface-r50-v2"}
         * @return this builder
         */
        public Builder setEmbedder(FaceEmbedder embedder, String modelName) {
            this.embedder = embedder;
            this.embedderName = modelName;
            return this;
        }

        /**
         * Sets a low-resolution embedder (the student) for {@link LowResolutionStrategy#STUDENT};
         * its embeddings must live in the high-resolution embedder's space (same dimension).
         *
         * @param student the low-resolution embedder; it gets the low-resolution aligned crop as it is
         * @return this builder
         */
        public Builder optLowResolutionEmbedder(FaceEmbedder student) {
            this.lowResolutionEmbedder = student;
            return this;
        }

        /**
         * Sets a FaceSR for {@link LowResolutionStrategy#SUPER_RESOLVE} (its {@code upscaleAligned}
         * is used). Not together with {@link #optUpscaler}.
         *
         * @param faceSR the FaceSR
         * @return this builder
         */
        public Builder optSuperResolution(FaceSR faceSR) {
            this.faceSR = faceSR;
            return this;
        }

        /**
         * Sets an upscaler for {@link LowResolutionStrategy#SUPER_RESOLVE}; the crop is resized to
         * its input size with MATLAB-style bicubic first. Not together with {@link
         * #optSuperResolution}.
         *
         * @param upscaler the upscaler
         * @return this builder
         */
        public Builder optUpscaler(FaceUpscaler upscaler) {
            this.upscaler = upscaler;
            return this;
        }

        /**
         * Sets the detector for {@linkplain FaceInput#photo whole photos} (it must give 5
         * landmarks). Without one, only aligned crops are accepted.
         *
         * @param detector the detector
         * @return this builder
         */
        public Builder optDetector(FaceDetector detector) {
            this.detector = detector;
            return this;
        }

        /**
         * Sets the aligner for whole photos (default {@link SimilarityAligner}).
         *
         * @param aligner the aligner
         * @return this builder
         */
        public Builder optAligner(FaceAligner aligner) {
            this.aligner = aligner;
            return this;
        }

        /**
         * Sets the default strategy for low-resolution probes (default: {@code STUDENT} if a
         * low-resolution embedder is set, else {@code SUPER_RESOLVE} if a FaceSR or upscaler is
         * set, else {@code BICUBIC}).
         *
         * @param strategy the strategy; its component must be configured
         * @return this builder
         */
        public Builder optLowResolutionStrategy(LowResolutionStrategy strategy) {
            this.strategy = strategy;
            this.strategySet = true;
            return this;
        }

        /**
         * Sets the face size, in pixels, below which a probe counts as low resolution (default
         * {@value #DEFAULT_LOW_RESOLUTION_THRESHOLD}).
         *
         * @param pixels the threshold, in [{@value PhotoDecoder#MIN_SIDE}, the high-resolution size]
         * @return this builder
         */
        public Builder optLowResolutionThreshold(int pixels) {
            this.lowResolutionThreshold = pixels;
            return this;
        }

        /**
         * Sets the side of the square crops given to the high-resolution embedder (default
         * {@value #DEFAULT_HIGH_RESOLUTION_SIZE}, the FaceSR template framing).
         *
         * @param pixels the side, in [16, 1024]
         * @return this builder
         */
        public Builder optHighResolutionSize(int pixels) {
            this.highResolutionSize = pixels;
            return this;
        }

        /**
         * Sets the largest accepted input image, in pixels (default 16,000,000).
         *
         * @param pixels the maximum, at least 16
         * @return this builder
         */
        public Builder optMaxInputPixels(long pixels) {
            this.maxInputPixels = pixels;
            return this;
        }

        /**
         * Sets the decision threshold (overrides one stored in the initial gallery).
         *
         * @param threshold a cosine similarity in [-1, 1], e.g. from {@link ThresholdCalibration}
         * @return this builder
         */
        public Builder optThreshold(double threshold) {
            this.threshold = threshold;
            this.thresholdSet = true;
            return this;
        }

        /**
         * Starts from a gallery (default: empty).
         *
         * @param gallery a gallery made with the same embedder
         * @return this builder
         */
        public Builder optGallery(Gallery gallery) {
            this.gallery = gallery;
            return this;
        }

        /**
         * Starts from a gallery file, loaded in {@link #build()} and checked against the embedder.
         *
         * @param file the gallery file
         * @return this builder
         */
        public Builder optGallery(Path file) {
            this.galleryFile = file;
            return this;
        }

        /**
         * Checks the settings and builds the recognizer.
         *
         * @return the recognizer
         * @throws IllegalStateException if a required component is missing
         * @throws IllegalArgumentException if a setting is out of range or the components do not fit
         * @throws GalleryFileException if the gallery file is bad or made with another model
         */
        public FaceRecognizer build() {
            if (embedder == null) {
                throw new IllegalStateException("No embedder set: call setEmbedder(embedder, modelName) with the "
                        + "high-resolution FaceEmbedder and the name of its model");
            }
            if (embedderName == null) {
                throw new IllegalStateException("No model name for the embedder: call setEmbedder(embedder, modelName)"
                        + "; galleries record it to reject embeddings of another model");
            }
            EmbedderId id;
            try {
                id = new EmbedderId(embedderName, embedder.dimension());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setEmbedder: " + e.getMessage(), e);
            }
            if (lowResolutionEmbedder != null && lowResolutionEmbedder.dimension() != id.dimension()) {
                throw new IllegalArgumentException("The low-resolution embedder gives " + lowResolutionEmbedder.dimension()
                        + "-d embeddings but the high-resolution one " + id.dimension() + "-d; the student must embed "
                        + "into the teacher's space");
            }
            if (faceSR != null && upscaler != null) {
                throw new IllegalArgumentException("Both optSuperResolution and optUpscaler are set; set only one");
            }
            if (upscaler != null && (upscaler.inputSize() < PhotoDecoder.MIN_SIDE
                    || upscaler.outputSize() < upscaler.inputSize())) {
                throw new IllegalArgumentException("The upscaler " + upscaler.name() + " has input size "
                        + upscaler.inputSize() + " and output size " + upscaler.outputSize()
                        + "; it needs an input of at least 4 px and an output at least as large");
            }
            if (highResolutionSize < 16 || highResolutionSize > 1024) {
                throw new IllegalArgumentException("optHighResolutionSize must be in [16, 1024], got " + highResolutionSize);
            }
            if (lowResolutionThreshold < PhotoDecoder.MIN_SIDE || lowResolutionThreshold > highResolutionSize) {
                throw new IllegalArgumentException("optLowResolutionThreshold must be in [" + PhotoDecoder.MIN_SIDE + ", "
                        + highResolutionSize + "] (the high-resolution size), got " + lowResolutionThreshold);
            }
            if (maxInputPixels < (long) PhotoDecoder.MIN_SIDE * PhotoDecoder.MIN_SIDE) {
                throw new IllegalArgumentException("optMaxInputPixels must be at least 16, got " + maxInputPixels);
            }
            if (strategySet && strategy == null) {
                throw new IllegalArgumentException("optLowResolutionStrategy must not be null; use BICUBIC as the baseline");
            }
            if (!strategySet) {
                strategy = lowResolutionEmbedder != null ? LowResolutionStrategy.STUDENT
                        : faceSR != null || upscaler != null ? LowResolutionStrategy.SUPER_RESOLVE
                        : LowResolutionStrategy.BICUBIC;
            } else if ((strategy == LowResolutionStrategy.STUDENT && lowResolutionEmbedder == null)
                    || (strategy == LowResolutionStrategy.SUPER_RESOLVE && faceSR == null && upscaler == null)) {
                throw new IllegalArgumentException("The default strategy " + strategy + " needs "
                        + (strategy == LowResolutionStrategy.STUDENT ? "optLowResolutionEmbedder(student)"
                                : "optSuperResolution(faceSR) or optUpscaler(upscaler)"));
            }
            if (thresholdSet && !(threshold >= -1 && threshold <= 1)) {
                throw new IllegalArgumentException("optThreshold must be a cosine similarity in [-1, 1], got " + threshold
                        + "; calibrate one with ThresholdCalibration");
            }
            if (gallery != null && galleryFile != null) {
                throw new IllegalArgumentException("Both optGallery(Gallery) and optGallery(Path) are set; set only one");
            }
            Gallery initial = galleryFile != null ? GalleryFile.load(galleryFile, id)
                    : gallery != null ? gallery : Gallery.empty(id);
            if (!initial.model().equals(id)) {
                throw new IllegalArgumentException("optGallery: the gallery was made with " + initial.model()
                        + " but the embedder is " + id);
            }
            if (thresholdSet) {
                initial = initial.withThreshold(threshold);
            }
            return new FaceRecognizer(this, initial);
        }
    }
}
