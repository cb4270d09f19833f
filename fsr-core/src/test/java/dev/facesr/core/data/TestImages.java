package dev.facesr.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes tiny synthetic images for the data tests (never dataset files). */
final class TestImages {

    private TestImages() {}

    /** A PNG whose every pixel is (r, g, b). */
    static Path solid(Path file, int w, int h, int r, int g, int b) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int rgb = (r << 16) | (g << 8) | b;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        return write(im, file);
    }

    /** A PNG with a smooth gradient pattern (so crops and flips are visible). */
    static Path gradient(Path file, int w, int h) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = x * 255 / Math.max(1, w - 1);
                int g = y * 255 / Math.max(1, h - 1);
                im.setRGB(x, y, (r << 16) | (g << 8) | 128);
            }
        }
        return write(im, file);
    }

    static Path write(BufferedImage im, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1);
        if (!ImageIO.write(im, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
            throw new IOException("No ImageIO writer for " + format);
        }
        return file;
    }
}
