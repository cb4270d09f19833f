package dev.facesr.core.data;

/**
 * A dataset whose records depend on the pass over it (e.g. fresh augmentation and degradation
 * draws each pass). The training engine calls {@link #setEpoch} before it starts every new pass
 * over a stage's data; code that iterates a dataset itself should do the same.
 */
public interface EpochAware {

    /**
     * Sets the pass the next records belong to. Records must depend only on this number (with
     * the dataset's seed and the record's index), so the same number gives the same records.
     *
     * @param epoch the pass number; the training engine passes the global step at which the
     *     pass starts, which is distinct for every pass of every stage and the same in a run
     *     resumed from a checkpoint taken at the pass's start
     */
    void setEpoch(long epoch);
}
