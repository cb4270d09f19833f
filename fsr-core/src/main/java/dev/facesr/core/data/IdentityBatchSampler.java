package dev.facesr.core.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.util.RandomUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A DJL {@link Sampler} for metric learning: every batch holds {@code P} identities with up to
 * {@code K} images each, so every sample has positives in its batch (e.g. CelebA train, exactly 2
 * images per identity: {@code P x 2}). Use it with {@code setSampling(sampler)} of a dataset
 * builder, for a loss such as {@link dev.facesr.core.loss.BatchHardTripletLoss}.
 *
 * <p>Each pass ({@link #sample}) shuffles the identities and, within each identity, its images,
 * then cuts the identity order into groups of {@code P}; each identity contributes its first
 * {@code min(K, count)} shuffled images. A pass therefore visits every identity once (and every
 * image when no identity has more than {@code K}); the last batch may hold fewer identities. The
 * shuffling draws from DJL's {@link RandomUtils} like DJL's own {@code RandomSampler}, which the
 * FaceSR training engine seeds at the start of every pass, so a resumed run draws the same
 * batches.
 */
public final class IdentityBatchSampler implements Sampler {

    private final List<List<Long>> imagesByIdentity;
    private final int records;
    private final int identitiesPerBatch;
    private final int imagesPerIdentity;

    /**
     * Creates a sampler.
     *
     * @param identityOfRecord the identity of every record of the dataset, in record order
     * @param identitiesPerBatch P, at least 2
     * @param imagesPerIdentity K, at least 2
     * @throws IllegalArgumentException on bad counts or fewer than P identities
     */
    public IdentityBatchSampler(
            int[] identityOfRecord, int identitiesPerBatch, int imagesPerIdentity) {
        if (identitiesPerBatch < 2 || imagesPerIdentity < 2) {
            throw new IllegalArgumentException(
                    "IdentityBatchSampler needs at least 2 identities per batch and 2 images per"
                            + " identity, got P=" + identitiesPerBatch + ", K=" + imagesPerIdentity);
        }
        Map<Integer, List<Long>> byIdentity = new LinkedHashMap<>();
        for (int i = 0; i < identityOfRecord.length; i++) {
            byIdentity.computeIfAbsent(identityOfRecord[i], k -> new ArrayList<>()).add((long) i);
        }
        if (byIdentity.size() < identitiesPerBatch) {
            throw new IllegalArgumentException(
                    "IdentityBatchSampler: the dataset has " + byIdentity.size()
                            + " identities, fewer than the " + identitiesPerBatch
                            + " per batch requested");
        }
        this.imagesByIdentity = new ArrayList<>(byIdentity.values());
        this.records = identityOfRecord.length;
        this.identitiesPerBatch = identitiesPerBatch;
        this.imagesPerIdentity = imagesPerIdentity;
    }

    /**
     * Creates a sampler for a face dataset with identities (or a {@link FacePairDataset} built
     * on it: its record {@code i} is the source's record {@code i}).
     *
     * @param dataset the source dataset
     * @param identitiesPerBatch P
     * @param imagesPerIdentity K
     * @return the sampler
     * @throws IllegalArgumentException when the dataset has no identities
     */
    public static IdentityBatchSampler of(
            FaceDataset dataset, int identitiesPerBatch, int imagesPerIdentity) {
        if (!dataset.hasIdentities()) {
            throw new IllegalArgumentException(
                    "IdentityBatchSampler needs a dataset with identities (e.g. CelebADataset)");
        }
        int[] ids = new int[Math.toIntExact(dataset.size())];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = dataset.entry(i).identity();
        }
        return new IdentityBatchSampler(ids, identitiesPerBatch, imagesPerIdentity);
    }

    /** {@inheritDoc} The largest batch: {@code P x K}. */
    @Override
    public int getBatchSize() {
        return identitiesPerBatch * imagesPerIdentity;
    }

    /** {@inheritDoc} */
    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        if (dataset.size() != records) {
            throw new IllegalArgumentException(
                    "IdentityBatchSampler was made for " + records + " records but the dataset"
                            + " has " + dataset.size() + "; build it from the same dataset");
        }
        List<List<Long>> order = new ArrayList<>(imagesByIdentity.size());
        for (List<Long> images : imagesByIdentity) {
            List<Long> copy = new ArrayList<>(images);
            shuffle(copy);
            order.add(copy.subList(0, Math.min(imagesPerIdentity, copy.size())));
        }
        shuffle(order);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.size(), next + identitiesPerBatch);
                List<Long> batch = new ArrayList<>(getBatchSize());
                for (int i = next; i < end; i++) {
                    batch.addAll(order.get(i));
                }
                next = end;
                return Collections.unmodifiableList(batch);
            }
        };
    }

    /** Fisher-Yates with DJL's seeded generator. */
    private static <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, RandomUtils.nextInt(i + 1));
        }
    }
}
