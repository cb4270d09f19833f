package dev.facesr.examples;

import dev.facesr.models.facade.FaceSR;
import dev.facesr.models.facade.UpscaleResult;
import java.io.File;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The README's quick start, compiled: upscale the faces of one photo with the default model.
 * Run: {@code java -cp ... dev.facesr.examples.QuickStart photo.jpg photo-x8.png}.
 */
public final class QuickStart {

    private QuickStart() {}

    /**
     * Upscales a photo.
     *
     * @param args input photo, output PNG
     * @throws Exception when the photo cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        try (FaceSR faceSr = FaceSR.builder().build()) {          // fsr-x8 + Haar detector, loaded once
            UpscaleResult result = faceSr.upscale(Path.of(args[0]));   // thread-safe; share it
            ImageIO.write(result.image(), "png", new File(args[1]));
            result.faces().forEach(f -> System.out.println(f.box() + " " + f.status()));
        }
    }
}
