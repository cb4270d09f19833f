package dev.facesr.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import dev.facesr.core.degrade.Degradation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training pairs made on the fly from any {@link FaceDataset}: each record decodes, crops and
 * augments one face (the HR), then degrades it with each of the given {@link Degradation}s
 * independently (one LR per scale; they are not chained).
 *
 * <p>Record layout:
 *
 * <ul>
 *   <li>data: {@code [lr_0, ..., lr_{k-1}]}, one float32 (3, h_i, w_i) per degradation, in the
 *       order they were added;
 *   <li>labels: {@code [hr]} (3, H, W), then identity (int64 scalar class index) when {@link
 *       #includesIdentity()}, then landmarks (float32 (P, 2), HR pixels, pixel-centre) when
 *       {@link #includesLandmarks()}. {@link #identityLabelIndex()} and {@link
 *       #landmarksLabelIndex()} give their positions.
 * </ul>
 *
 * <p>Randomness: record {@code i} uses one generator seeded by this dataset's seed, the epoch
 * and {@code i}: the augmentation draws from a first split of it, degradation {@code k} from the
 * {@code (k+2)}-th. The source dataset's own seed is not used. Thread-safe as long as the
 * degradations are.
 */
public final class FacePairDataset extends RandomAccessDataset implements EpochAware {

    private final FaceDataset source;
    private final List<Degradation> degradations;
    private final long seed;
    private final boolean withIdentity;
    private final boolean withLandmarks;
    private volatile long epoch;

    private FacePairDataset(Builder b) {
        super(b);
        source = b.source;
        degradations = List.copyOf(b.degradations);
        seed = b.seed;
        withIdentity = b.withIdentity != null ? b.withIdentity : source.hasIdentities();
        withLandmarks = b.withLandmarks != null ? b.withLandmarks : source.hasLandmarks();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the face source */
    public FaceDataset source() {
        return source;
    }

    /** @return the degradations, one per LR scale */
    public List<Degradation> degradations() {
        return degradations;
    }

    /** @return whether the labels hold the identity */
    public boolean includesIdentity() {
        return withIdentity;
    }

    /** @return whether the labels hold the landmarks */
    public boolean includesLandmarks() {
        return withLandmarks;
    }

    /** @return the label index of the identity, or -1 */
    public int identityLabelIndex() {
        return withIdentity ? 1 : -1;
    }

    /** @return the label index of the landmarks, or -1 */
    public int landmarksLabelIndex() {
        return withLandmarks ? (withIdentity ? 2 : 1) : -1;
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

    /**
     * Makes the pair for one index.
     *
     * @param manager the manager that owns the arrays
     * @param index the record index
     * @return the pair
     * @throws IOException if the image cannot be read
     */
    public FacePair pair(NDManager manager, long index) throws IOException {
        SplittableRandom random = FaceDataset.recordRandom(seed, epoch, index);
        FaceSample s = source.sample(index, random.split());
        NDArray hr = s.image().toNDArray(manager);
        List<NDArray> lr = new ArrayList<>(degradations.size());
        try (NDManager scratch = manager.newSubManager()) {
            for (Degradation d : degradations) {
                NDArray input = s.image().toNDArray(scratch);
                NDArray out = d.apply(input, random.split());
                out.attach(manager);
                lr.add(out);
            }
        }
        NDArray landmarks = s.landmarks() == null ? null : s.landmarks().toNDArray(manager);
        return new FacePair(hr, lr, s.identity(), landmarks, s.file());
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        return pair(manager, index).toRecord(withIdentity, withLandmarks);
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return source.size();
    }

    /** {@inheritDoc} The source is built by its builder; there is nothing to prepare. */
    @Override
    public void prepare(Progress progress) {}

    /** Builds a {@link FacePairDataset}; a source, at least one degradation and sampling are required. */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {

        private FaceDataset source;
        private final List<Degradation> degradations = new ArrayList<>();
        private long seed;
        private Boolean withIdentity;
        private Boolean withLandmarks;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param source the faces (its crop and augmentation make the HR)
         * @return this builder
         */
        public Builder setSource(FaceDataset source) {
            this.source = source;
            return this;
        }

        /**
         * Adds one LR scale.
         *
         * @param degradation how the LR of this scale is made from the HR
         * @return this builder
         */
        public Builder addDegradation(Degradation degradation) {
            if (degradation == null) {
                throw new IllegalArgumentException("Degradation must not be null");
            }
            degradations.add(degradation);
            return this;
        }

        /**
         * @param seed the seed of all per-record randomness (default 0)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param include whether to add the identity label (default: when the source has one)
         * @return this builder
         */
        public Builder optIncludeIdentity(boolean include) {
            this.withIdentity = include;
            return this;
        }

        /**
         * @param include whether to add the landmarks label (default: when the source has them)
         * @return this builder
         */
        public Builder optIncludeLandmarks(boolean include) {
            this.withLandmarks = include;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the dataset
         */
        public FacePairDataset build() {
            if (source == null) {
                throw new IllegalStateException(
                        "FacePairDataset needs setSource(...), e.g. a CelebADataset");
            }
            if (degradations.isEmpty()) {
                throw new IllegalStateException(
                        "FacePairDataset needs at least one addDegradation(...), e.g. new AreaDownscale(4)");
            }
            if (Boolean.TRUE.equals(withIdentity) && !source.hasIdentities()) {
                throw new IllegalArgumentException("The source dataset has no identities to include");
            }
            if (Boolean.TRUE.equals(withLandmarks) && !source.hasLandmarks()) {
                throw new IllegalArgumentException("The source dataset has no landmarks to include");
            }
            if (sampler == null) {
                throw new IllegalStateException(
                        "FacePairDataset needs setSampling(batchSize, shuffle) before build()");
            }
            return new FacePairDataset(this);
        }
    }
}
