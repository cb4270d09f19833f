package dev.facesr.examples.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Builds test photos for the benchmarks: real CelebA validation faces (the aligned 178x218
 * images, never a test split) shrunk and placed on a grid over a textured grey background, so
 * the detector, aligner, model and paste-back all do their real work. Deterministic for a seed.
 */
public final class BenchmarkPhotos {

    private final List<Path> faces;

    private BenchmarkPhotos(List<Path> faces) {
        this.faces = faces;
    }

    /**
     * Opens the CelebA validation faces.
     *
     * @param datasets the shared datasets folder
     * @return the photo maker
     * @throws IllegalArgumentException when {@code celeba/val} is missing or empty, saying what to pass
     */
    public static BenchmarkPhotos fromCelebaValidation(Path datasets) {
        Path dir = datasets.resolve("celeba").resolve("val");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("No CelebA validation faces at " + dir
                    + ": the photo benchmarks paste real faces; pass --datasets DIR (the shared datasets folder)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .matches(".*\\.(jpe?g|png)")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("No images in " + dir);
            }
            return new BenchmarkPhotos(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes one photo.
     *
     * @param width photo width
     * @param height photo height
     * @param faceCount faces to place, on a grid of near-square cells
     * @param faceScale the factor applied to each 178x218 CelebA image (0.2 gives 36x44 px
     *     images, whose FSRNet face framing is about 28 px wide)
     * @param seed which faces and what jitter
     * @return the photo (RGB)
     */
    public BufferedImage photo(int width, int height, int faceCount, double faceScale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = 110 + (int) (20 * Math.sin(x / 23.0) * Math.cos(y / 17.0)) + random.nextInt(9);
                canvas.setRGB(x, y, new Color(v, v, Math.min(255, v + 10)).getRGB());
            }
        }
        int cols = (int) Math.ceil(Math.sqrt(faceCount * (double) width / height));
        int rows = (int) Math.ceil(faceCount / (double) cols);
        double cw = width / (double) cols;
        double ch = height / (double) rows;
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        for (int i = 0; i < faceCount; i++) {
            BufferedImage face = read(faces.get(random.nextInt(faces.size())));
            int fw = (int) Math.round(face.getWidth() * faceScale);
            int fh = (int) Math.round(face.getHeight() * faceScale);
            double x = (i % cols) * cw + (cw - fw) / 2 + random.nextDouble(-0.1, 0.1) * Math.max(0, cw - fw);
            double y = (i / cols) * ch + (ch - fh) / 2 + random.nextDouble(-0.1, 0.1) * Math.max(0, ch - fh);
            g.drawImage(shrink(face, fw, fh), (int) Math.round(x), (int) Math.round(y), null);
        }
        g.dispose();
        return canvas;
    }

    /** Shrinks in halving steps first so small faces are not aliased (as a camera would give them). */
    private static BufferedImage shrink(BufferedImage img, int w, int h) {
        BufferedImage cur = img;
        while (cur.getWidth() / 2 >= w && cur.getHeight() / 2 >= h) {
            cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        }
        return draw(cur, w, h);
    }

    private static BufferedImage draw(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IllegalArgumentException("Not an image: " + file);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Makes several photos with different seeds.
     *
     * @param n how many
     * @param width photo width
     * @param height photo height
     * @param faceCount faces per photo
     * @param faceScale see {@link #photo}
     * @return the photos
     */
    public List<BufferedImage> photos(int n, int width, int height, int faceCount, double faceScale) {
        List<BufferedImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(photo(width, height, faceCount, faceScale, 20261123L + i));
        }
        return out;
    }
}
