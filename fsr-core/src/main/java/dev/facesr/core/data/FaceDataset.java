package dev.facesr.core.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.util.Progress;
import dev.facesr.core.degrade.FloatImage;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Base of the face datasets: an indexed list of {@link FaceEntry}s (files plus identity and
 * landmarks, never pixels), decoded lazily per record, converted to RGB, cropped by a {@link
 * CropPolicy} and augmented by a {@link FaceAugmentation} that moves the landmarks along.
 *
 * <p>Record layout of {@link #get(NDManager, long)}:
 *
 * <ul>
 *   <li>data: {@code [image]}, float32 (3, H, W) in [0, 1];
 *   <li>labels, in this order, each only when the dataset has it: identity (int64 scalar class
 *       index, see {@link #hasIdentities()}), landmarks (float32 (P, 2) pixels of the image, see
 *       {@link #landmarkScheme()}).
 * </ul>
 *
 * <p>Randomness: record {@code i} draws its augmentation from a generator seeded by the
 * dataset seed, the epoch ({@link #setEpoch}) and {@code i}, so a record is the same whichever
 * thread loads it and in whatever order. Call {@link #setEpoch} at the start of each epoch to get
 * fresh augmentations. Instances are thread-safe.
 */
public abstract class FaceDataset extends RandomAccessDataset implements EpochAware {

    private final List<FaceEntry> entries;
    private final CropPolicy crop;
    private final FaceAugmentation augmentation;
    private final long seed;
    private final List<String> identityIds;
    private final boolean landmarks;
    private final LandmarkScheme scheme;
    private volatile long epoch;

    /**
     * Creates the dataset.
     *
     * @param builder the settings
     * @param entries the faces, in index order
     * @param identityIds the original id of each identity class index, or null when the
     *     entries have no identities
     * @param hasLandmarks whether every entry has landmarks
     * @param scheme the landmark scheme (needed to flip landmarks), or null
     */
    protected FaceDataset(BaseBuilder<?> builder, List<FaceEntry> entries,
            List<String> identityIds, boolean hasLandmarks, LandmarkScheme scheme) {
        super(builder);
        this.entries = List.copyOf(entries);
        this.crop = builder.crop;
        this.augmentation = builder.augmentation;
        this.seed = builder.seed;
        this.identityIds = identityIds == null ? null : List.copyOf(identityIds);
        this.landmarks = hasLandmarks;
        this.scheme = scheme;
        for (FaceEntry e : this.entries) {
            if ((e.identity() >= 0) != (identityIds != null)
                    || (identityIds != null && e.identity() >= identityIds.size())) {
                throw new IllegalArgumentException(
                        "Entry " + e.file() + " has identity " + e.identity() + " but the dataset has "
                                + (identityIds == null ? "no identities" : identityIds.size() + " identity classes"));
            }
            if ((e.landmarks() != null) != hasLandmarks
                    || (scheme != null && e.landmarks() != null
                            && e.landmarks().size() != scheme.points())) {
                throw new IllegalArgumentException(
                        "Entry " + e.file() + " has " + (e.landmarks() == null ? "no" : e.landmarks().size())
                                + " landmarks, which does not fit the dataset ("
                                + (hasLandmarks ? String.valueOf(scheme) : "no landmarks") + ")");
            }
        }
        if (augmentation.flipProbability() > 0 && hasLandmarks && scheme == null) {
            throw new IllegalArgumentException(
                    "Flip augmentation needs a landmark scheme to reorder the points; set one or"
                            + " turn flipping off");
        }
    }

    /** @return true when every record has an identity class index */
    public boolean hasIdentities() {
        return identityIds != null;
    }

    /** @return the number of identity classes (0 without identities) */
    public int numIdentities() {
        return identityIds == null ? 0 : identityIds.size();
    }

    /**
     * The original identity id of a class index (e.g. the CelebA identity number or the folder
     * name).
     *
     * @param classIndex a class index in {@code [0, numIdentities())}
     * @return the original id
     */
    public String identityId(int classIndex) {
        if (identityIds == null) {
            throw new IllegalStateException("This dataset has no identities");
        }
        return identityIds.get(classIndex);
    }

    /** @return the landmark scheme, or null when the records have no landmarks or no scheme */
    public LandmarkScheme landmarkScheme() {
        return scheme;
    }

    /** @return true when every record has landmarks */
    public boolean hasLandmarks() {
        return landmarks;
    }

    /** @return the crop policy */
    public CropPolicy cropPolicy() {
        return crop;
    }

    /** @return the augmentation */
    public FaceAugmentation augmentation() {
        return augmentation;
    }

    /**
     * Sets the epoch that, with the seed and the index, seeds each record's randomness.
     *
     * @param epoch the epoch number
     */
    @Override
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** @return the current epoch */
    public long epoch() {
        return epoch;
    }

    /**
     * The metadata of one face, without decoding it.
     *
     * @param index the index in {@code [0, size())}
     * @return the entry
     */
    public FaceEntry entry(long index) {
        return entries.get(checkIndex(index));
    }

    private int checkIndex(long index) {
        if (index < 0 || index >= entries.size()) {
            throw new IndexOutOfBoundsException(
                    "Index " + index + " is outside [0, " + entries.size() + ")");
        }
        return (int) index;
    }

    /**
     * The generator record {@code index} uses in the current epoch.
     *
     * @param index the record index
     * @return a fresh generator
     */
    public SplittableRandom recordRandom(long index) {
        return recordRandom(seed, epoch, index);
    }

    static SplittableRandom recordRandom(long seed, long epoch, long index) {
        long s = new SplittableRandom(seed).nextLong() ^ (epoch * 0x9E3779B97F4A7C15L);
        s = new SplittableRandom(s).nextLong() ^ (index * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(s);
    }

    /**
     * Decodes, crops and augments one face.
     *
     * @param index the record index
     * @param random the generator the augmentation draws from
     * @return the face
     * @throws IOException if the image cannot be read
     */
    public FaceSample sample(long index, RandomGenerator random) throws IOException {
        FaceEntry e = entry(index);
        FaceAugmentation.Draw draw = augmentation.draw(random);
        FloatImage src = ImageDecoding.readRgb(e.file());
        FloatImage img;
        Landmarks lm = e.landmarks();
        if (crop.keepsSource(src.width(), src.height()) && draw.keepsBox()) {
            img = src;
        } else {
            int ow = crop.outputWidth(src.width());
            int oh = crop.outputHeight(src.height());
            AffineTransform toSource = crop.outputToSource(src.width(), src.height(), draw);
            img = ImageWarp.warp(src, toSource, ow, oh, crop.resampling(), crop.border());
            if (lm != null) {
                try {
                    lm = lm.transform(toSource.createInverse());
                } catch (NoninvertibleTransformException ex) {
                    throw new IllegalStateException("Crop transform is singular: " + toSource, ex);
                }
            }
        }
        if (draw.flip()) {
            img = img.flipHorizontal();
            if (lm != null) {
                lm = lm.flipHorizontal(img.width(), landmarkScheme());
            }
        }
        return new FaceSample(img, e.identity(), lm, e.file(), draw);
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        FaceSample s = sample(index, recordRandom(index));
        NDList data = new NDList(s.image().toNDArray(manager));
        NDList labels = new NDList();
        if (hasIdentities()) {
            labels.add(manager.create((long) s.identity()));
        }
        if (hasLandmarks()) {
            labels.add(s.landmarks().toNDArray(manager));
        }
        return new Record(data, labels);
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return entries.size();
    }

    /** {@inheritDoc} The index is built by the builder; there is nothing to prepare. */
    @Override
    public void prepare(Progress progress) {}

    /**
     * Settings shared by the face datasets.
     *
     * @param <T> the concrete builder
     */
    public abstract static class BaseBuilder<T extends BaseBuilder<T>>
            extends RandomAccessDataset.BaseBuilder<T> {

        CropPolicy crop = CropPolicy.NONE;
        FaceAugmentation augmentation = FaceAugmentation.NONE;
        long seed;

        /**
         * Sets the crop (default {@link CropPolicy#NONE}, the stored image as it is).
         *
         * @param crop the crop policy
         * @return this builder
         */
        public T optCrop(CropPolicy crop) {
            this.crop = Objects.requireNonNull(crop, "crop");
            return self();
        }

        /**
         * Sets the augmentation (default {@link FaceAugmentation#NONE}).
         *
         * @param augmentation the augmentation
         * @return this builder
         */
        public T optAugmentation(FaceAugmentation augmentation) {
            this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
            return self();
        }

        /**
         * Sets the seed of the per-record randomness (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public T optSeed(long seed) {
            this.seed = seed;
            return self();
        }

        /**
         * Returns the sampler set with {@code setSampling}, or sequential batches of one when none
         * was set (e.g. when the dataset only feeds a {@link FacePairDataset}).
         *
         * @return the sampler
         */
        @Override
        public Sampler getSampler() {
            if (sampler == null) {
                return new BatchSampler(new SequenceSampler(), 1, false);
            }
            return sampler;
        }
    }
}
