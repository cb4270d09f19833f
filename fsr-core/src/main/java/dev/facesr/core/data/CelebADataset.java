package dev.facesr.core.data;

import ai.djl.training.dataset.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aligned CelebA (178x218) in the shared layout: {@code celeba/train/}, {@code celeba/val/} and
 * {@code celeba/identities.csv} ({@code file,split,identity,celeba_image}). Identities become
 * contiguous class indices per split (sorted by identity number); {@link #identityId(int)} gives
 * the original CelebA identity back. No landmarks. Records are sorted by file name.
 *
 * <p>Record layout: data {@code [image]} (3, H, W); labels {@code [identity]} (int64 scalar).
 * Use {@link CropPolicy#FSRNET_CELEBA_128} to reproduce the FSRNet celeba-1000 framing.
 */
public final class CelebADataset extends FaceDataset {

    private final Dataset.Usage usage;

    private CelebADataset(Builder b, List<FaceEntry> entries, List<String> ids) {
        super(b, entries, ids, false, null);
        this.usage = b.usage;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the split this dataset reads */
    public Dataset.Usage usage() {
        return usage;
    }

    /** Builds a {@link CelebADataset}; {@link #setRoot} is required. */
    public static final class Builder extends FaceDataset.BaseBuilder<Builder> {

        private Path root;
        private Dataset.Usage usage = Dataset.Usage.TRAIN;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param root the {@code celeba} folder (holding {@code identities.csv})
         * @return this builder
         */
        public Builder setRoot(Path root) {
            this.root = root;
            return this;
        }

        /**
         * @param usage TRAIN ({@code train/}) or VALIDATION ({@code val/}); default TRAIN
         * @return this builder
         */
        public Builder optUsage(Dataset.Usage usage) {
            this.usage = usage;
            return this;
        }

        /**
         * Reads {@code identities.csv} and builds the dataset (nothing is decoded).
         *
         * @return the dataset
         */
        public CelebADataset build() {
            if (root == null) {
                throw new IllegalStateException("CelebADataset needs setRoot(<datasets>/celeba)");
            }
            String split;
            switch (usage) {
                case TRAIN:
                    split = "train";
                    break;
                case VALIDATION:
                    split = "val";
                    break;
                default:
                    throw new IllegalArgumentException(
                            "The CelebA layout has train and val splits only (the test partition is"
                                    + " not included); got " + usage);
            }
            Csv csv = Csv.read(root.resolve("identities.csv"));
            int fileCol = csv.column("file");
            int splitCol = csv.column("split");
            int idCol = csv.column("identity");
            List<String[]> rows = new ArrayList<>();
            for (String[] row : csv.rows) {
                if (row[splitCol].equals(split)) {
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(csv.file + " has no rows with split '" + split + "'");
            }
            rows.sort(Comparator.comparing(r -> r[fileCol]));
            Map<String, Integer> classes = new TreeMap<>(CelebADataset::compareIds);
            for (String[] row : rows) {
                classes.put(row[idCol], 0);
            }
            List<String> ids = new ArrayList<>(classes.keySet());
            for (int i = 0; i < ids.size(); i++) {
                classes.put(ids.get(i), i);
            }
            List<FaceEntry> entries = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                entries.add(new FaceEntry(root.resolve(row[fileCol]), classes.get(row[idCol]), null));
            }
            Path first = entries.get(0).file();
            if (!Files.isRegularFile(first)) {
                throw new IllegalArgumentException(
                        "identities.csv lists " + first + " but the file does not exist; is " + root
                                + " the celeba folder?");
            }
            return new CelebADataset(this, entries, ids);
        }
    }

    /** Numeric order for numeric ids, text order otherwise. */
    static int compareIds(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
        boolean nb = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
        if (na && nb) {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        return na ? -1 : (nb ? 1 : a.compareTo(b));
    }
}
