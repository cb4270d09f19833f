package dev.facesr.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All images under a folder, recursively (files sorted by path). With {@link
 * Builder#optIdentityFolders(boolean)} every image must sit somewhere under a first-level
 * sub-folder, whose name is its identity; class indices follow the sorted folder names. No
 * landmarks. Record layout: see {@link FaceDataset} (data {@code [image]}, labels {@code
 * [identity]} with identity folders, else empty). Batching needs equal image sizes: when the
 * files differ in size, set a crop policy with a fixed output size (e.g. {@link
 * CropPolicy#fullImage(int, int)}).
 */
public final class ImageFolderDataset extends FaceDataset {

    /** The file extensions read by default (case-insensitive). */
    public static final Set<String> DEFAULT_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");

    private ImageFolderDataset(Builder b, List<FaceEntry> entries, List<String> ids) {
        super(b, entries, ids, false, null);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ImageFolderDataset}; {@link #setRoot} is required. */
    public static final class Builder extends FaceDataset.BaseBuilder<Builder> {

        private Path root;
        private boolean identityFolders;
        private Set<String> extensions = DEFAULT_EXTENSIONS;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param root the folder to scan
         * @return this builder
         */
        public Builder setRoot(Path root) {
            this.root = root;
            return this;
        }

        /**
         * @param identityFolders true when each first-level sub-folder holds one identity
         * @return this builder
         */
        public Builder optIdentityFolders(boolean identityFolders) {
            this.identityFolders = identityFolders;
            return this;
        }

        /**
         * @param extensions the file extensions to read, without dots (case-insensitive)
         * @return this builder
         */
        public Builder optExtensions(Set<String> extensions) {
            this.extensions = extensions.stream()
                    .map(e -> e.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * Scans the folder and builds the dataset (file names only; nothing is decoded).
         *
         * @return the dataset
         */
        public ImageFolderDataset build() {
            if (root == null) {
                throw new IllegalStateException("ImageFolderDataset needs setRoot(folder)");
            }
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("Image folder " + root + " does not exist or is not a folder");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(this::hasImageExtension)
                        .sorted()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot scan " + root, e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(
                        "No images with extensions " + extensions + " under " + root);
            }
            if (!identityFolders) {
                List<FaceEntry> entries = new ArrayList<>(files.size());
                for (Path f : files) {
                    entries.add(new FaceEntry(f, -1, null));
                }
                return new ImageFolderDataset(this, entries, null);
            }
            TreeMap<String, Integer> classes = new TreeMap<>();
            for (Path f : files) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    throw new IllegalArgumentException(
                            "With identity folders every image must be inside a sub-folder of " + root
                                    + ", but " + f + " is not");
                }
                classes.put(rel.getName(0).toString(), 0);
            }
            List<String> ids = new ArrayList<>(classes.keySet());
            for (int i = 0; i < ids.size(); i++) {
                classes.put(ids.get(i), i);
            }
            List<FaceEntry> entries = new ArrayList<>(files.size());
            for (Path f : files) {
                entries.add(new FaceEntry(f, classes.get(root.relativize(f).getName(0).toString()), null));
            }
            return new ImageFolderDataset(this, entries, ids);
        }

        private boolean hasImageExtension(Path p) {
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
    }
}
