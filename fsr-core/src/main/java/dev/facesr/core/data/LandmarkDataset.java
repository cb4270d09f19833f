package dev.facesr.core.data;

import ai.djl.training.dataset.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Faces with landmarks from a CSV whose {@code file} column is relative to the CSV's folder.
 * Two column layouts are recognised from the header:
 *
 * <ul>
 *   <li>{@code file,x0,y0,...,x{P-1},y{P-1}}: P points ({@link LandmarkScheme#POINTS_68} when P
 *       is 68, otherwise set a scheme with {@link Builder#optScheme} to allow flipping), e.g.
 *       {@code landmarks68/train.csv} (256x256 faces);
 *   <li>{@code file,[split,]lex,ley,rex,rey,nx,ny,lmx,lmy,rmx,rmy}: the 5-point MTFL layout
 *       ({@link LandmarkScheme#POINTS_5}), e.g. {@code mtfl/landmarks5.csv} (80x80 faces, some
 *       grey, which are decoded as RGB).
 * </ul>
 *
 * <p>Coordinates are taken as stored (pixel-centre convention in the shared datasets). Record
 * layout: data {@code [image]} (3, H, W); labels {@code [landmarks]} (P, 2) in pixels of the
 * (cropped, augmented) image.
 */
public final class LandmarkDataset extends FaceDataset {

    private static final String[] MTFL_COLUMNS = {
        "lex", "ley", "rex", "rey", "nx", "ny", "lmx", "lmy", "rmx", "rmy"
    };

    private LandmarkDataset(Builder b, List<FaceEntry> entries, LandmarkScheme scheme) {
        super(b, entries, null, true, scheme);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LandmarkDataset}; a CSV is required. */
    public static final class Builder extends FaceDataset.BaseBuilder<Builder> {

        private Path csv;
        private String split;
        private LandmarkScheme scheme;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param csv the landmark CSV
         * @return this builder
         */
        public Builder setCsv(Path csv) {
            this.csv = csv;
            return this;
        }

        /**
         * Keeps only rows whose {@code split} column equals this value.
         *
         * @param split e.g. {@code "train"}
         * @return this builder
         */
        public Builder optSplit(String split) {
            this.split = split;
            return this;
        }

        /**
         * Sets the scheme instead of inferring it from the point count.
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder optScheme(LandmarkScheme scheme) {
            this.scheme = scheme;
            return this;
        }

        /**
         * The shared 68-point layout: {@code <datasets>/landmarks68/{train,test}.csv}. Never train
         * or tune on TEST (it holds the FSRNet helen-50 benchmark faces).
         *
         * @param datasets the shared datasets folder
         * @param usage TRAIN or TEST
         * @return this builder
         */
        public Builder landmarks68(Path datasets, Dataset.Usage usage) {
            if (usage != Dataset.Usage.TRAIN && usage != Dataset.Usage.TEST) {
                throw new IllegalArgumentException(
                        "landmarks68 has train and test splits only; validate on celeba/val. Got " + usage);
            }
            this.csv = datasets.resolve("landmarks68")
                    .resolve(usage == Dataset.Usage.TRAIN ? "train.csv" : "test.csv");
            this.split = null;
            return this;
        }

        /**
         * The shared 5-point layout: {@code <datasets>/mtfl/landmarks5.csv}, split {@code train}
         * or {@code test}.
         *
         * @param datasets the shared datasets folder
         * @param usage TRAIN or TEST
         * @return this builder
         */
        public Builder mtfl(Path datasets, Dataset.Usage usage) {
            if (usage != Dataset.Usage.TRAIN && usage != Dataset.Usage.TEST) {
                throw new IllegalArgumentException("mtfl has train and test splits only; got " + usage);
            }
            this.csv = datasets.resolve("mtfl").resolve("landmarks5.csv");
            this.split = usage == Dataset.Usage.TRAIN ? "train" : "test";
            return this;
        }

        /**
         * Reads the CSV and builds the dataset (nothing is decoded).
         *
         * @return the dataset
         */
        public LandmarkDataset build() {
            if (csv == null) {
                throw new IllegalStateException(
                        "LandmarkDataset needs setCsv(file), landmarks68(datasets, usage) or"
                                + " mtfl(datasets, usage)");
            }
            Csv table = Csv.read(csv);
            int fileCol = table.column("file");
            int[] cols;
            LandmarkScheme inferred;
            if (table.columns.containsKey("lex")) {
                cols = new int[MTFL_COLUMNS.length];
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = table.column(MTFL_COLUMNS[i]);
                }
                inferred = LandmarkScheme.POINTS_5;
            } else {
                int p = 0;
                while (table.columns.containsKey("x" + p) && table.columns.containsKey("y" + p)) {
                    p++;
                }
                if (p == 0) {
                    throw new IllegalArgumentException(
                            csv + " has neither x0,y0,... nor the MTFL lex,ley,... columns; its"
                                    + " columns are " + table.header);
                }
                cols = new int[2 * p];
                for (int i = 0; i < p; i++) {
                    cols[2 * i] = table.column("x" + i);
                    cols[2 * i + 1] = table.column("y" + i);
                }
                inferred = p == 68 ? LandmarkScheme.POINTS_68 : null;
            }
            LandmarkScheme used = scheme != null ? scheme : inferred;
            if (used != null && used.points() * 2 != cols.length) {
                throw new IllegalArgumentException(
                        "Scheme " + used + " has " + used.points() + " points but " + csv + " has "
                                + cols.length / 2);
            }
            int splitCol = split == null ? -1 : table.column("split");
            Path base = csv.toAbsolutePath().getParent();
            List<FaceEntry> entries = new ArrayList<>();
            for (int r = 0; r < table.rows.size(); r++) {
                String[] row = table.rows.get(r);
                if (splitCol >= 0 && !row[splitCol].equals(split)) {
                    continue;
                }
                float[] xy = new float[cols.length];
                for (int i = 0; i < cols.length; i++) {
                    xy[i] = table.number(row, cols[i], r);
                }
                entries.add(new FaceEntry(base.resolve(row[fileCol]), -1, new Landmarks(xy)));
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException(
                        csv + " has no rows" + (split == null ? "" : " with split '" + split + "'"));
            }
            Path first = entries.get(0).file();
            if (!Files.isRegularFile(first)) {
                throw new IllegalArgumentException(
                        csv + " lists " + first + ", which does not exist (file paths are relative"
                                + " to the CSV's folder)");
            }
            return new LandmarkDataset(this, entries, used);
        }
    }
}
