package dev.facesr.metrics.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;

/**
 * Bicubic resizing exactly as MATLAB's {@code imresize(A, scale)} / {@code imresize(A, [h w])}
 * with its default {@code 'bicubic'} method: the entry point for every bicubic down- and
 * up-scaling in FaceSR (degradations, baselines, evaluation).
 *
 * <p>What it reproduces from MATLAB's {@code imresize.m}:
 *
 * <ul>
 *   <li>the cubic kernel with a = -0.5 (Keys), support 4;
 *   <li>antialiasing when shrinking: the kernel is stretched by {@code 1/scale} and scaled by
 *       {@code scale}, so the support becomes {@code 4/scale};
 *   <li>output pixel {@code x} (1-based) maps to input coordinate {@code u = x/scale + 0.5(1 -
 *       1/scale)}; {@code ceil(kernelWidth) + 2} taps from {@code floor(u - kernelWidth/2)}; the
 *       weights of each output pixel are normalised to sum to 1;
 *   <li>symmetric padding at the borders (index sequence {@code 1..n, n..1} repeated, i.e. the edge
 *       pixel is repeated);
 *   <li>any real scale factor (8, 1/8, 6.4, ...): with a scale factor the output size is {@code
 *       ceil(in * scale)} and the weights use that exact factor; with an output size the factor of
 *       each dimension is {@code out / in};
 *   <li>rows and columns are resized separably, the dimension with the smaller scale first (height
 *       first when both are equal), as MATLAB orders them.
 * </ul>
 *
 * <p>The float paths ({@code resize}, {@code resizePlanes}) neither round nor clamp: they return
 * what MATLAB returns for {@code double} input. For 8-bit data, {@link #resizeAsUint8} and the
 * {@link BufferedImage} methods return what MATLAB returns for {@code uint8} input: MATLAB's
 * {@code imresizemex} gives the input's class after each dimension, so the intermediate image is
 * rounded and clamped as well as the result. Accumulation is in double precision. All methods are
 * thread-safe.
 */
public final class MatlabResize {
    /** The support width of MATLAB's cubic kernel. */
    private static final double KERNEL_WIDTH = 4.0;

    private MatlabResize() {}

    /**
     * Returns MATLAB's output length for a scale factor: {@code ceil(in * scale)}.
     *
     * @param in the input length
     * @param scale the scale factor ({@literal > 1} enlarges)
     * @return the output length
     * @throws IllegalArgumentException if the result is not positive or the scale is not finite
     */
    public static int outputSize(int in, double scale) {
        checkScale(scale);
        double out = Math.ceil(in * scale);
        if (in <= 0 || out < 1 || out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Resizing length " + in + " by " + scale + " gives an output length of " + out
                            + "; the input length and the output length must be positive");
        }
        return (int) out;
    }

    /**
     * MATLAB's cubic kernel (a = -0.5).
     *
     * @param x the distance from the sample
     * @return the kernel weight
     */
    public static double cubic(double x) {
        double ax = Math.abs(x);
        double ax2 = ax * ax;
        double ax3 = ax2 * ax;
        if (ax <= 1) {
            return 1.5 * ax3 - 2.5 * ax2 + 1;
        }
        if (ax <= 2) {
            return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2;
        }
        return 0;
    }

    /**
     * Resizes planes (e.g. the channels of a CHW image, or all channels of an NCHW batch) to a
     * given size. The factor of each dimension is {@code out / in}, as {@code imresize(A, [h w])}.
     *
     * @param src {@code planes * inH * inW} values, plane after plane, row-major
     * @param planes the number of planes
     * @param inH the input height
     * @param inW the input width
     * @param outH the output height
     * @param outW the output width
     * @return {@code planes * outH * outW} values
     */
    public static float[] resizePlanes(float[] src, int planes, int inH, int inW, int outH, int outW) {
        checkSizes(inH, inW, outH, outW);
        return resizePlanes(src, planes, inH, inW, outH, outW, (double) outH / inH, (double) outW / inW);
    }

    /**
     * Resizes planes by a scale factor, as {@code imresize(A, scale)}: the output size is {@code
     * ceil(in * scale)} in each dimension and the weights use {@code scale} itself.
     *
     * @param src {@code planes * inH * inW} values, plane after plane, row-major
     * @param planes the number of planes
     * @param inH the input height
     * @param inW the input width
     * @param scale the scale factor ({@literal > 1} enlarges, e.g. 8; {@literal < 1} shrinks, e.g.
     *     0.125)
     * @return {@code planes * ceil(inH*scale) * ceil(inW*scale)} values
     */
    public static float[] resizePlanes(float[] src, int planes, int inH, int inW, double scale) {
        int outH = outputSize(inH, scale);
        int outW = outputSize(inW, scale);
        return resizePlanes(src, planes, inH, inW, outH, outW, scale, scale);
    }

    /**
     * Resizes a {@link FloatImage} to a given size; the value range is kept.
     *
     * @param image the image
     * @param outH the output height
     * @param outW the output width
     * @return the resized image (values not clamped)
     */
    public static FloatImage resize(FloatImage image, int outH, int outW) {
        float[] out =
                resizePlanes(image.data(), image.channels(), image.height(), image.width(), outH, outW);
        return new FloatImage(out, image.channels(), outH, outW, image.range());
    }

    /**
     * Resizes a {@link FloatImage} by a scale factor; the value range is kept.
     *
     * @param image the image
     * @param scale the scale factor
     * @return the resized image, {@code ceil(h*scale) x ceil(w*scale)} (values not clamped)
     */
    public static FloatImage resize(FloatImage image, double scale) {
        int outH = outputSize(image.height(), scale);
        int outW = outputSize(image.width(), scale);
        float[] out =
                resizePlanes(
                        image.data(), image.channels(), image.height(), image.width(), outH, outW, scale,
                        scale);
        return new FloatImage(out, image.channels(), outH, outW, image.range());
    }

    /**
     * Resizes an image as MATLAB resizes a {@code uint8} image: the result of each of the two
     * passes is rounded and clamped to 8-bit levels, since MATLAB's {@code imresizemex} returns the
     * input's class after each dimension. Use this for 8-bit data (files, the bicubic baseline,
     * LR images that will be stored as 8 bits) to get MATLAB's numbers exactly.
     *
     * @param image the image in any range; values are taken on the 0-255 scale
     * @param scale the scale factor ({@code ceil(in*scale)} output)
     * @return the resized image, 8-bit levels, in the input's range
     */
    public static FloatImage resizeAsUint8(FloatImage image, double scale) {
        int outH = outputSize(image.height(), scale);
        int outW = outputSize(image.width(), scale);
        return resizeAsUint8(image, outH, outW, scale, scale);
    }

    /**
     * Resizes an image to a given size as MATLAB resizes a {@code uint8} image (rounding after
     * each pass); see {@link #resizeAsUint8(FloatImage, double)}.
     *
     * @param image the image in any range
     * @param outH the output height
     * @param outW the output width
     * @return the resized image, 8-bit levels, in the input's range
     */
    public static FloatImage resizeAsUint8(FloatImage image, int outH, int outW) {
        checkSizes(image.height(), image.width(), outH, outW);
        return resizeAsUint8(image, outH, outW, (double) outH / image.height(), (double) outW / image.width());
    }

    private static FloatImage resizeAsUint8(FloatImage image, int outH, int outW, double scaleH, double scaleW) {
        FloatImage bytes = image.toByteRange().quantizeToUint8();
        float[] out = resizePlanes(bytes.data(), image.channels(), image.height(), image.width(), outH, outW,
                scaleH, scaleW, true);
        FloatImage result = new FloatImage(out, image.channels(), outH, outW, ValueRange.BYTE);
        if (image.range() == ValueRange.BYTE) {
            return result;
        }
        float s = (float) (1.0 / image.range().toByteScale());
        float[] scaled = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            scaled[i] = out[i] * s;
        }
        return new FloatImage(scaled, image.channels(), outH, outW, image.range());
    }

    /**
     * Resizes a float image or batch held in an NDArray to a given size. Accepts HW, CHW or NCHW;
     * the last two axes are resized. The result is float32, on the input's manager (and device),
     * values not clamped. The array is copied to the JVM once, resized in Java, and copied back.
     *
     * @param image an HW, CHW or NCHW array
     * @param outH the output height
     * @param outW the output width
     * @return the resized array with the same leading axes
     */
    public static NDArray resize(NDArray image, int outH, int outW) {
        Shape shape = checkArray(image);
        int inH = (int) shape.get(shape.dimension() - 2);
        int inW = (int) shape.get(shape.dimension() - 1);
        checkSizes(inH, inW, outH, outW);
        return resizeArray(image, shape, outH, outW, (double) outH / inH, (double) outW / inW);
    }

    /**
     * Resizes a float image or batch held in an NDArray by a scale factor ({@code ceil(in*scale)}
     * output). See {@link #resize(NDArray, int, int)}.
     *
     * @param image an HW, CHW or NCHW array
     * @param scale the scale factor
     * @return the resized array
     */
    public static NDArray resize(NDArray image, double scale) {
        Shape shape = checkArray(image);
        int inH = (int) shape.get(shape.dimension() - 2);
        int inW = (int) shape.get(shape.dimension() - 1);
        return resizeArray(image, shape, outputSize(inH, scale), outputSize(inW, scale), scale, scale);
    }

    /**
     * Resizes an 8-bit image to a given size exactly as MATLAB resizes a {@code uint8} image
     * (rounding and clamping after each pass, see {@link #resizeAsUint8(FloatImage, int, int)}).
     * Grey images stay grey, anything else becomes RGB.
     *
     * @param image the image
     * @param outH the output height
     * @param outW the output width
     * @return a new {@code TYPE_INT_RGB} or {@code TYPE_BYTE_GRAY} image
     */
    public static BufferedImage resize(BufferedImage image, int outH, int outW) {
        FloatImage f = ImageConversions.fromBufferedImage(image, isGrey(image));
        return ImageConversions.toBufferedImage(resizeAsUint8(f, outH, outW));
    }

    /**
     * Resizes an 8-bit image by a scale factor ({@code ceil(in*scale)} output); see {@link
     * #resize(BufferedImage, int, int)}.
     *
     * @param image the image
     * @param scale the scale factor
     * @return the resized image
     */
    public static BufferedImage resize(BufferedImage image, double scale) {
        FloatImage f = ImageConversions.fromBufferedImage(image, isGrey(image));
        return ImageConversions.toBufferedImage(resizeAsUint8(f, scale));
    }

    private static boolean isGrey(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getRaster().getNumBands() == 1;
    }

    private static NDArray resizeArray(
            NDArray image, Shape shape, int outH, int outW, double scaleH, double scaleW) {
        int d = shape.dimension();
        int inH = (int) shape.get(d - 2);
        int inW = (int) shape.get(d - 1);
        int planes = (int) (shape.size() / ((long) inH * inW));
        NDArray f = image.getDataType() == DataType.FLOAT32 ? image : image.toType(DataType.FLOAT32, false);
        float[] src = f.toFloatArray();
        if (f != image) {
            f.close();
        }
        float[] out = resizePlanes(src, planes, inH, inW, outH, outW, scaleH, scaleW);
        long[] dims = shape.getShape().clone();
        dims[d - 2] = outH;
        dims[d - 1] = outW;
        return image.getManager().create(out, new Shape(dims));
    }

    private static Shape checkArray(NDArray image) {
        Shape shape = image.getShape();
        if (shape.dimension() < 2 || shape.dimension() > 4) {
            throw new IllegalArgumentException(
                    "Expected an HW, CHW or NCHW array, got shape " + shape);
        }
        return shape;
    }

    /**
     * The general form: given output size and the factor the weights use in each dimension.
     * Exposed for callers that need MATLAB's {@code imresize(A, scale, 'OutputSize', ...)}
     * combination; most callers want the size-only or scale-only forms.
     *
     * @param src {@code planes * inH * inW} values
     * @param planes the number of planes
     * @param inH the input height
     * @param inW the input width
     * @param outH the output height
     * @param outW the output width
     * @param scaleH the factor used for the rows' weights
     * @param scaleW the factor used for the columns' weights
     * @return {@code planes * outH * outW} values
     */
    public static float[] resizePlanes(
            float[] src, int planes, int inH, int inW, int outH, int outW, double scaleH, double scaleW) {
        return resizePlanes(src, planes, inH, inW, outH, outW, scaleH, scaleW, false);
    }

    private static float[] resizePlanes(
            float[] src, int planes, int inH, int inW, int outH, int outW, double scaleH, double scaleW,
            boolean uint8) {
        checkSizes(inH, inW, outH, outW);
        checkScale(scaleH);
        checkScale(scaleW);
        if (planes <= 0 || src == null || (long) planes * inH * inW != src.length) {
            throw new IllegalArgumentException(
                    "Expected " + ((long) planes * inH * inW) + " values for " + planes + " planes of "
                            + inH + "x" + inW + ", got " + (src == null ? "null" : src.length));
        }
        Contributions rows = Contributions.of(inH, outH, scaleH);
        Contributions cols = Contributions.of(inW, outW, scaleW);
        float[] out = new float[planes * outH * outW];
        boolean heightFirst = scaleH <= scaleW;
        int midH = heightFirst ? outH : inH;
        int midW = heightFirst ? inW : outW;
        double[] plane = new double[inH * inW];
        double[] mid = new double[midH * midW];
        double[] dst = new double[outH * outW];
        for (int p = 0; p < planes; p++) {
            int off = p * inH * inW;
            for (int i = 0; i < plane.length; i++) {
                plane[i] = src[off + i];
            }
            if (heightFirst) {
                alongHeight(plane, inW, rows, mid);
            } else {
                alongWidth(plane, inH, inW, cols, mid);
            }
            if (uint8) {
                roundToUint8(mid);
            }
            if (heightFirst) {
                alongWidth(mid, midH, midW, cols, dst);
            } else {
                alongHeight(mid, midW, rows, dst);
            }
            if (uint8) {
                roundToUint8(dst);
            }
            int o = p * outH * outW;
            for (int i = 0; i < dst.length; i++) {
                out[o + i] = (float) dst[i];
            }
        }
        return out;
    }

    /** MATLAB's conversion of a double result to uint8: round half away from zero, saturate. */
    private static void roundToUint8(double[] v) {
        for (int i = 0; i < v.length; i++) {
            double r = Math.floor(v[i] + 0.5);
            v[i] = r < 0 ? 0 : (r > 255 ? 255 : r);
        }
    }

    private static void alongHeight(double[] src, int w, Contributions c, double[] dst) {
        java.util.Arrays.fill(dst, 0, c.outLength * w, 0.0);
        for (int o = 0; o < c.outLength; o++) {
            int dOff = o * w;
            for (int k = 0; k < c.taps; k++) {
                double wt = c.weights[o * c.taps + k];
                if (wt == 0) {
                    continue;
                }
                int sOff = c.indices[o * c.taps + k] * w;
                for (int x = 0; x < w; x++) {
                    dst[dOff + x] += wt * src[sOff + x];
                }
            }
        }
    }

    private static void alongWidth(double[] src, int h, int inW, Contributions c, double[] dst) {
        int outW = c.outLength;
        int taps = c.taps;
        for (int y = 0; y < h; y++) {
            int sOff = y * inW;
            int dOff = y * outW;
            for (int o = 0; o < outW; o++) {
                double s = 0;
                int base = o * taps;
                for (int k = 0; k < taps; k++) {
                    s += c.weights[base + k] * src[sOff + c.indices[base + k]];
                }
                dst[dOff + o] = s;
            }
        }
    }

    private static void checkScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(
                    "The scale factor must be a positive finite number, got " + scale);
        }
    }

    private static void checkSizes(int inH, int inW, int outH, int outW) {
        if (inH <= 0 || inW <= 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(
                    "Sizes must be positive, got input " + inH + "x" + inW + " and output " + outH + "x"
                            + outW);
        }
    }

    /** MATLAB's {@code contributions}: for each output pixel, its taps' input indices and weights. */
    static final class Contributions {
        final int outLength;
        final int taps;
        final double[] weights;
        final int[] indices;

        private Contributions(int outLength, int taps, double[] weights, int[] indices) {
            this.outLength = outLength;
            this.taps = taps;
            this.weights = weights;
            this.indices = indices;
        }

        static Contributions of(int inLength, int outLength, double scale) {
            boolean antialias = scale < 1;
            double kernelWidth = antialias ? KERNEL_WIDTH / scale : KERNEL_WIDTH;
            int taps = (int) Math.ceil(kernelWidth) + 2;
            double[] weights = new double[outLength * taps];
            int[] indices = new int[outLength * taps];
            int period = 2 * inLength;
            for (int o = 0; o < outLength; o++) {
                double x = o + 1; // MATLAB is 1-based
                double u = x / scale + 0.5 * (1 - 1 / scale);
                double left = Math.floor(u - kernelWidth / 2);
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    double idx = left + k; // 1-based input index
                    double w = antialias ? scale * cubic(scale * (u - idx)) : cubic(u - idx);
                    weights[o * taps + k] = w;
                    sum += w;
                    // symmetric padding: aux = [1..n, n..1]; aux(mod(idx-1, 2n) + 1), made 0-based
                    int j = (int) Math.floorMod((long) idx - 1, (long) period);
                    indices[o * taps + k] = j < inLength ? j : period - 1 - j;
                }
                for (int k = 0; k < taps; k++) {
                    weights[o * taps + k] /= sum;
                }
            }
            return new Contributions(outLength, taps, weights, indices);
        }
    }
}
