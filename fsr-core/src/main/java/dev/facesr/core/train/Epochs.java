package dev.facesr.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.Iterator;

/** Converts a number of epochs (full passes over a dataset) into a number of steps. */
public final class Epochs {

    private Epochs() {}

    /**
     * Returns {@code epochs} times the number of batches in one pass: the pass's sample count
     * ({@link Batch#getProgressTotal()} of the first batch; only that batch is loaded) divided
     * by the first batch's size, rounded up (a last partial batch counts as a step; with a
     * sampler that drops it, a stage runs one step more per epoch).
     *
     * @param dataset the training data
     * @param epochs the number of passes, >= 1
     * @return the number of steps
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be prepared
     * @throws IllegalArgumentException if the dataset is empty or does not report the number
     *     of batches per pass (then give the stage a number of steps instead)
     */
    public static long toSteps(Dataset dataset, int epochs) throws IOException,
            TranslateException {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        dataset.prepare();
        try (NDManager manager = NDManager.newBaseManager()) {
            Iterator<Batch> it = dataset.getData(manager).iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException("the dataset gives no batch");
            }
            long samples;
            long batchSize;
            try (Batch first = it.next()) {
                samples = first.getProgressTotal();
                batchSize = first.getSize();
            }
            if (samples <= 0 || batchSize <= 0) {
                throw new IllegalArgumentException("the dataset does not report its number of"
                        + " batches per pass; set the stage's steps instead of epochs");
            }
            long perPass = (samples + batchSize - 1) / batchSize;
            return perPass * epochs;
        }
    }
}
