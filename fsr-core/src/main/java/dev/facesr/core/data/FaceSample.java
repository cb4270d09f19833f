package dev.facesr.core.data;

import dev.facesr.core.degrade.FloatImage;
import java.nio.file.Path;

/**
 * One decoded, cropped and augmented face, still in plain Java.
 *
 * @param image the RGB face, CHW in [0, 1]
 * @param identity the identity class index, or -1 when unknown
 * @param landmarks the landmarks in pixels of {@code image}, or null when unknown
 * @param file the source file
 * @param augmentation the augmentation that was drawn
 */
public record FaceSample(
        FloatImage image,
        int identity,
        Landmarks landmarks,
        Path file,
        FaceAugmentation.Draw augmentation) {}
