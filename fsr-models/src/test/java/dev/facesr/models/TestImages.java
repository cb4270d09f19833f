package dev.facesr.models;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Small synthetic RGB images for model tests, made with DJL's configured image factory. */
public final class TestImages {

    private TestImages() {}

    /** A random RGB image of the given side with some smooth structure. */
    public static Image random(int size, long seed) {
        Random r = new Random(seed);
        byte[] hwc = new byte[size * size * 3];
        int base = r.nextInt(200);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = 3 * (y * size + x);
                hwc[i] = (byte) (base + 3 * x + r.nextInt(20));
                hwc[i + 1] = (byte) (base + 2 * y + r.nextInt(20));
                hwc[i + 2] = (byte) (x * y + r.nextInt(20));
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            return ImageFactory.getInstance()
                    .fromNDArray(m.create(hwc, new Shape(size, size, 3)).toType(DataType.UINT8,
                            false));
        }
    }

    /** The RGB values of an image, HWC order, 0-255. */
    public static int[] pixels(Image image) {
        try (NDManager m = NDManager.newBaseManager()) {
            return image.toNDArray(m, Image.Flag.COLOR).toType(DataType.INT32, false).toIntArray();
        }
    }
}
