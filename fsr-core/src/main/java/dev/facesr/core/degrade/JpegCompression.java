package dev.facesr.core.degrade;

import java.util.random.RandomGenerator;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * JPEG compression at a fixed quality through OpenCV ({@code Imgcodecs.imencode} with {@code
 * IMWRITE_JPEG_QUALITY}, then {@code imdecode}). The image is quantised to 8 bits (rounded) on
 * the way; works on 1-channel (grey) and 3-channel (RGB) images. Not random.
 */
public final class JpegCompression extends ImageDegradation {

    private final int quality;

    /**
     * Creates the compression.
     *
     * @param quality the JPEG quality, 1 (worst) to 100 (best)
     */
    public JpegCompression(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + quality);
        }
        this.quality = quality;
    }

    /** @return the JPEG quality */
    public int quality() {
        return quality;
    }

    /** {@inheritDoc} */
    @Override
    public FloatImage apply(FloatImage image, RandomGenerator random) {
        int c = image.channels();
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException(
                    "JPEG compression needs a 1- or 3-channel image, got " + c + " channels");
        }
        OpenCvLoader.ensureLoaded();
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        float[] d = image.data();
        byte[] interleaved = new byte[plane * c];
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < c; ch++) {
                // OpenCV colour images are BGR
                int src = c == 3 ? 2 - ch : ch;
                interleaved[p * c + ch] = (byte) to8bit(d[src * plane + p]);
            }
        }
        Mat mat = new Mat(h, w, c == 3 ? CvType.CV_8UC3 : CvType.CV_8UC1);
        MatOfByte encoded = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        Mat decoded = null;
        try {
            mat.put(0, 0, interleaved);
            if (!Imgcodecs.imencode(".jpg", mat, encoded, params)) {
                throw new IllegalStateException("OpenCV failed to JPEG-encode a " + image);
            }
            decoded = Imgcodecs.imdecode(
                    encoded, c == 3 ? Imgcodecs.IMREAD_COLOR : Imgcodecs.IMREAD_GRAYSCALE);
            byte[] back = new byte[plane * c];
            decoded.get(0, 0, back);
            float[] out = new float[d.length];
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < c; ch++) {
                    int dst = c == 3 ? 2 - ch : ch;
                    out[dst * plane + p] = (back[p * c + ch] & 0xff) / 255f;
                }
            }
            return new FloatImage(c, h, w, out);
        } finally {
            mat.release();
            encoded.release();
            params.release();
            if (decoded != null) {
                decoded.release();
            }
        }
    }

    private static int to8bit(float v) {
        int q = Math.round(v * 255f);
        return q < 0 ? 0 : Math.min(q, 255);
    }

    @Override
    public String toString() {
        return "JpegCompression(quality=" + quality + ")";
    }
}
