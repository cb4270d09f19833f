package dev.facesr.core.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.Objects;

/**
 * A dataset for autoencoding: each record of a source dataset with its first data array as the
 * label too ({@code data = [x]}, {@code labels = [copy of x]}). For the first stage of the
 * cross-domain model, where the encoder and decoder learn to reconstruct both high-resolution
 * faces and low-resolution faces resized to the high-resolution grid: wrap a {@link
 * FacePairDataset} whose degradation is {@code Degradations.oneOf(identity, x4 then enlarge, x8
 * then enlarge)}. The source's other data and labels are dropped. Passes the epoch on to an
 * {@link EpochAware} source, so each pass gets fresh draws.
 */
public final class AutoencodingDataset extends RandomAccessDataset implements EpochAware {

    private final RandomAccessDataset source;

    private AutoencodingDataset(Builder b) {
        super(b);
        this.source = b.source;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        Record r = source.get(manager, index);
        NDList data = r.getData();
        if (data.isEmpty()) {
            throw new IllegalStateException("AutoencodingDataset: source record " + index + " has no data array");
        }
        return new Record(new NDList(data.get(0)), new NDList(data.get(0).duplicate()));
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return source.size();
    }

    /** {@inheritDoc} */
    @Override
    public void setEpoch(long epoch) {
        if (source instanceof EpochAware e) {
            e.setEpoch(epoch);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) throws IOException, ai.djl.translate.TranslateException {
        source.prepare(progress);
    }

    /** Builder: {@link #setSource} and the sampling ({@code setSampling(batch, shuffle)}). */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {

        private RandomAccessDataset source;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param source the dataset whose first data array becomes input and target
         * @return this builder
         */
        public Builder setSource(RandomAccessDataset source) {
            this.source = source;
            return this;
        }

        /**
         * Builds the dataset.
         *
         * @return the dataset
         * @throws IllegalArgumentException if no source was set
         */
        public AutoencodingDataset build() {
            if (source == null) {
                throw new IllegalArgumentException("AutoencodingDataset needs setSource(dataset)");
            }
            Objects.requireNonNull(getSampler(), "call setSampling(batchSize, shuffle) before build()");
            return new AutoencodingDataset(this);
        }
    }
}
