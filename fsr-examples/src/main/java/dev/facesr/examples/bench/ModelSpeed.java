package dev.facesr.examples.bench;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.examples.report.FaceUpscalerModel;
import dev.facesr.examples.report.ReportModel;
import dev.facesr.examples.report.SpeedBenchmark;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times one face upscaler on aligned crops with the quality report's {@link SpeedBenchmark}:
 * milliseconds per face at batch 1 (the median of {@code timedCalls} single-face calls after
 * {@code warmupCalls}) and faces per second at a larger batch (the median call). Inputs are seeded random 8-bit crops of the model's input size:
 * the forward pass does not depend on the content.
 *
 * @param model the model name
 * @param msPerFaceBatch1 median milliseconds of a one-face call
 * @param batch the larger batch size
 * @param facesPerSecond faces per second at that batch (median call)
 * @param msPerFaceBatched milliseconds per face at that batch
 */
public record ModelSpeed(String model, double msPerFaceBatch1, int batch, double facesPerSecond,
        double msPerFaceBatched) {

    /**
     * Measures an upscaler.
     *
     * @param name the name to report
     * @param upscaler the upscaler (its {@code inputSize()} sets the crop size)
     * @param batch the larger batch, e.g. 32
     * @param warmupCalls untimed calls before each measurement
     * @param timedCalls timed calls per measurement
     * @return the figures
     */
    public static ModelSpeed measure(String name, FaceUpscaler upscaler, int batch, int warmupCalls, int timedCalls) {
        if (batch < 1 || warmupCalls < 0 || timedCalls < 1) {
            throw new IllegalArgumentException("batch and timedCalls must be >= 1 and warmupCalls >= 0, got "
                    + batch + ", " + timedCalls + ", " + warmupCalls);
        }
        List<Image> crops = randomCrops(upscaler.inputSize(), batch);
        // the report's timing loop (median of timed calls after warm-up); the wrapper does not own the upscaler
        ReportModel model = new FaceUpscalerModel(upscaler, name, false);
        double scale = (double) upscaler.outputSize() / upscaler.inputSize();
        double one = new SpeedBenchmark(warmupCalls, timedCalls).measure(model, crops.subList(0, 1), scale)
                .medianMsPerFace();
        double many = new SpeedBenchmark(Math.max(1, warmupCalls / 4), Math.max(1, timedCalls / 4))
                .measure(model, crops, scale).medianMsPerFace();
        return new ModelSpeed(name, one, batch, 1000.0 / many, many);
    }

    private static List<Image> randomCrops(int size, int n) {
        SplittableRandom random = new SplittableRandom(20261123);
        BufferedImageFactory factory = new BufferedImageFactory();
        List<Image> crops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    img.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            crops.add(factory.fromImage(img));
        }
        return crops;
    }
}
