package dev.facesr.examples.report;

import dev.facesr.core.data.CropPolicy;
import dev.facesr.core.data.FaceSample;
import dev.facesr.core.data.ImageFolderDataset;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A named set of ground-truth faces for the report: 8-bit RGB on the 0-255 scale, with an id
 * (the file name) per face.
 *
 * @param name the set's name in the report, e.g. {@code celeba-1000}
 * @param source where the faces came from and how they were cropped
 * @param ids the file names, in order
 * @param faces the ground-truth faces, same order
 */
public record FaceSet(String name, String source, List<String> ids, List<FloatImage> faces) {

    /**
     * Validates and copies the lists.
     *
     * @param name the set's name
     * @param source where the faces came from
     * @param ids the file names
     * @param faces the faces, one per id
     */
    public FaceSet {
        if (ids.size() != faces.size()) {
            throw new IllegalArgumentException("A face set needs one id per face, got " + ids.size() + " ids and "
                    + faces.size() + " faces");
        }
        ids = List.copyOf(ids);
        faces = List.copyOf(faces);
    }

    /**
     * Returns the number of faces.
     *
     * @return the size
     */
    public int size() {
        return faces.size();
    }

    /**
     * Reads an FSRNet test set's ground truth ({@code fsrnet-test/<set>/hr}, sorted by file name).
     *
     * @param datasets the shared datasets folder
     * @param set {@code celeba-1000} or {@code helen-50}
     * @param limit the most faces to read (the first ones in sorted order)
     * @return the set
     * @throws IllegalArgumentException when the folder is missing or holds no images
     * @throws UncheckedIOException when an image cannot be read
     */
    public static FaceSet fsrnetTest(Path datasets, String set, int limit) {
        Path dir = datasets.resolve("fsrnet-test").resolve(set).resolve("hr");
        List<Path> files = listImages(dir, "the FSRNet test set " + set);
        List<String> ids = new ArrayList<>();
        List<FloatImage> faces = new ArrayList<>();
        for (Path f : files.subList(0, Math.min(limit, files.size()))) {
            try {
                faces.add(ImageConversions.read(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ids.add(f.getFileName().toString());
        }
        return new FaceSet(set, "fsrnet-test/" + set + "/hr, files as stored", ids, faces);
    }

    /**
     * Reads the first {@code count} CelebA validation faces (sorted by file name), cropped with
     * {@link CropPolicy#FSRNET_CELEBA_128} (FSRNet celeba-1000 framing, 128x128), no augmentation,
     * rounded to 8-bit levels as a stored crop would be.
     *
     * @param datasets the shared datasets folder
     * @param count how many faces
     * @return the set, named {@code celeba-val}
     * @throws IllegalArgumentException when {@code celeba/val} is missing or empty
     */
    public static FaceSet celebaValidation(Path datasets, int count) {
        Path dir = datasets.resolve("celeba").resolve("val");
        listImages(dir, "the CelebA validation split");
        ImageFolderDataset data = ImageFolderDataset.builder().setRoot(dir)
                .optCrop(CropPolicy.FSRNET_CELEBA_128).build();
        int n = (int) Math.min(count, data.size());
        List<String> ids = new ArrayList<>(n);
        List<FloatImage> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                FaceSample s = data.sample(i, new SplittableRandom(0));
                dev.facesr.core.degrade.FloatImage img = s.image();
                faces.add(ReportImages.asByteImage(new FloatImage(img.data(), img.channels(), img.height(),
                        img.width(), ValueRange.UNIT)));
                ids.add(s.file().getFileName().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FaceSet("celeba-val", "celeba/val, first " + n + " files sorted by name, cropped with"
                + " CropPolicy.FSRNET_CELEBA_128 (128x128), no augmentation, 8-bit", ids, faces);
    }

    /**
     * Reads 68-point landmarks for the faces of a set from a CSV {@code file,x0,y0,...,x67,y67}.
     *
     * @param csv the CSV, e.g. {@code fsrnet-test/helen-50/landmarks68.csv}
     * @return points of shape (N, 68, 2) in this set's order
     * @throws IllegalArgumentException when the CSV is missing, malformed or lacks a face
     */
    public float[][][] landmarks(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("No landmark file " + csv + "; pass --datasets DIR pointing at the"
                    + " shared datasets folder");
        }
        java.util.Map<String, float[][]> byFile = new java.util.HashMap<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            for (int li = 1; li < lines.size(); li++) {
                String line = lines.get(li).trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] cols = line.split(",");
                if (cols.length != 1 + 68 * 2) {
                    throw new IllegalArgumentException(csv + " line " + (li + 1) + " has " + cols.length
                            + " columns; expected file plus 136 coordinates");
                }
                float[][] pts = new float[68][2];
                for (int p = 0; p < 68; p++) {
                    pts[p][0] = Float.parseFloat(cols[1 + 2 * p]);
                    pts[p][1] = Float.parseFloat(cols[2 + 2 * p]);
                }
                byFile.put(cols[0], pts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + " has a coordinate that is not a number: " + e.getMessage(), e);
        }
        float[][][] out = new float[ids.size()][][];
        for (int i = 0; i < ids.size(); i++) {
            out[i] = byFile.get(ids.get(i));
            if (out[i] == null) {
                throw new IllegalArgumentException(csv + " has no row for " + ids.get(i));
            }
        }
        return out;
    }

    private static List<Path> listImages(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Missing dataset folder " + dir + " (" + what + "); pass --datasets"
                    + " DIR pointing at the shared datasets folder (see its README.md)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
            }).sorted().collect(Collectors.toList());
            if (files.isEmpty()) {
                throw new IllegalArgumentException("No images in " + dir + " (" + what + ")");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
