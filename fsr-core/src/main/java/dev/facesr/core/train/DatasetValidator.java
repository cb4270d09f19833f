package dev.facesr.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a stage's {@link TrainingStage#predict} over a validation dataset and averages each
 * metric over the samples (batch means weighted by batch size). Figures are named
 * {@code prefix + metric name} ({@code val/} by default).
 */
public final class DatasetValidator implements Validator {

    private final Dataset dataset;
    private final List<ValidationMetric> metrics;
    private final String prefix;
    private final int maxBatches;
    private boolean prepared;

    private DatasetValidator(Builder b) {
        this.dataset = b.dataset;
        this.metrics = List.copyOf(b.metrics);
        this.prefix = b.prefix;
        this.maxBatches = b.maxBatches;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, Double> validate(TrainingStage stage, StageContext context) {
        double[] sums = new double[metrics.size()];
        long count = 0;
        int batches = 0;
        try (NDManager manager = context.getManager().newSubManager()) {
            if (!prepared) {
                dataset.prepare();
                prepared = true;
            }
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    NDList predictions = stage.predict(batch.getData(), context);
                    int n = batch.getSize();
                    for (int i = 0; i < metrics.size(); i++) {
                        sums[i] += metrics.get(i).evaluate(batch.getLabels(), predictions) * n;
                    }
                    count += n;
                }
                if (maxBatches > 0 && ++batches >= maxBatches) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("validation data could not be read", e);
        } catch (TranslateException e) {
            throw new IllegalStateException("validation data could not be prepared", e);
        }
        if (count == 0) {
            throw new IllegalStateException("the validation dataset gave no samples; check it");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            out.put(prefix + metrics.get(i).getName(), sums[i] / count);
        }
        return out;
    }

    /** Builder for {@link DatasetValidator}. */
    public static final class Builder {
        private Dataset dataset;
        private final List<ValidationMetric> metrics = new ArrayList<>();
        private String prefix = "val/";
        private int maxBatches;

        private Builder() {}

        /**
         * Sets the validation data (required; never a test split).
         *
         * @param dataset batches with data = inputs and labels = targets
         * @return this builder
         */
        public Builder setDataset(Dataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Adds a metric (at least one is required).
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder addMetric(ValidationMetric metric) {
            metrics.add(metric);
            return this;
        }

        /**
         * Sets the prefix of the figure names (default {@code val/}).
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder optPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * Limits validation to the first batches (0 = all, the default).
         *
         * @param maxBatches the number of batches
         * @return this builder
         */
        public Builder optMaxBatches(int maxBatches) {
            this.maxBatches = maxBatches;
            return this;
        }

        /**
         * Builds the validator.
         *
         * @return the validator
         * @throws IllegalArgumentException if data or metrics are missing or names repeat
         */
        public DatasetValidator build() {
            if (dataset == null) {
                throw new IllegalArgumentException("no validation data; call setDataset");
            }
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("no metric; call addMetric, e.g. new"
                        + " LossMetric(\"loss\", loss)");
            }
            if (prefix == null || maxBatches < 0) {
                throw new IllegalArgumentException("prefix must not be null and maxBatches >= 0");
            }
            long distinct = metrics.stream().map(ValidationMetric::getName).distinct().count();
            if (distinct != metrics.size()) {
                throw new IllegalArgumentException("two metrics have the same name");
            }
            return new DatasetValidator(this);
        }
    }
}
