package dev.facesr.models.facade;

import ai.djl.modality.cv.Image;
import dev.facesr.core.pipeline.Affine2D;
import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.FaceDetector;
import dev.facesr.core.pipeline.FaceUpscaler;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import dev.facesr.models.facade.align.FaceTemplate;
import dev.facesr.models.facade.image.RgbImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Synthetic photos with known faces, a fake detector and a bicubic test upscaler. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * Draws a photo: a smooth colour gradient with, for each face, a skin ellipse, dark eye discs
     * centred on the eye landmarks, a nose dot and a mouth bar. The landmarks are the template
     * mapped by a similarity of the given centre, eye distance and roll.
     */
    public static FloatImage photo(int w, int h, List<Landmarks> faces) {
        float[] d = new float[3 * w * h];
        int n = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                d[i] = 60 + 120f * x / w;
                d[n + i] = 90 + 60f * y / h;
                d[2 * n + i] = 140 - 50f * (x + y) / (w + h);
            }
        }
        for (Landmarks f : faces) {
            double ex = (f.x(0) + f.x(1)) / 2;
            double ey = (f.y(0) + f.y(1)) / 2;
            double eyeDist = Math.hypot(f.x(1) - f.x(0), f.y(1) - f.y(0));
            double cy = (ey + (f.y(3) + f.y(4)) / 2) / 2;
            double cx = (ex + (f.x(3) + f.x(4)) / 2) / 2;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    double rx = (x - cx) / (eyeDist * 1.1);
                    double ry = (y - cy) / (eyeDist * 1.45);
                    if (rx * rx + ry * ry <= 1) {
                        d[i] = 220;
                        d[n + i] = 175;
                        d[2 * n + i] = 150;
                    }
                    double r = eyeDist * 0.12;
                    for (int p : new int[] {0, 1, 2}) {
                        double dr = p == 2 ? r * 0.6 : r;
                        if (Math.hypot(x - f.x(p), y - f.y(p)) <= dr) {
                            d[i] = 30;
                            d[n + i] = 20;
                            d[2 * n + i] = 25;
                        }
                    }
                    double mx = (f.x(3) + f.x(4)) / 2;
                    double my = (f.y(3) + f.y(4)) / 2;
                    if (Math.abs(y - my) <= eyeDist * 0.06 && Math.abs(x - mx) <= Math.abs(f.x(4) - f.x(3)) / 2) {
                        d[i] = 150;
                        d[n + i] = 40;
                        d[2 * n + i] = 50;
                    }
                }
            }
        }
        return new FloatImage(d, 3, h, w, ValueRange.BYTE);
    }

    /** Template landmarks placed with eye midpoint (cx, cy), eye distance and roll (degrees). */
    public static Landmarks face(double cx, double cy, double eyeDistance, double rollDegrees) {
        Landmarks t = FaceTemplate.reference128();
        double tx = (t.x(0) + t.x(1)) / 2;
        double ty = (t.y(0) + t.y(1)) / 2;
        double td = Math.hypot(t.x(1) - t.x(0), t.y(1) - t.y(0));
        double s = eyeDistance / td;
        double c = Math.cos(Math.toRadians(rollDegrees)) * s;
        double sn = Math.sin(Math.toRadians(rollDegrees)) * s;
        Affine2D m = new Affine2D(c, -sn, cx - (c * tx - sn * ty), sn, c, cy - (sn * tx + c * ty));
        return t.transform(m);
    }

    /** A box around landmarks. */
    public static BoundingBox boxAround(Landmarks f) {
        double d = Math.hypot(f.x(1) - f.x(0), f.y(1) - f.y(0));
        double cx = (f.x(0) + f.x(1)) / 2;
        double cy = (f.y(0) + f.y(3)) / 2;
        return new BoundingBox(cx - 1.2 * d, cy - 1.5 * d, 2.4 * d, 3 * d);
    }

    /** A detector that returns fixed faces (with or without their 5 points). */
    public static final class FakeDetector implements FaceDetector {
        private final List<DetectedFace> faces = new ArrayList<>();
        public final AtomicBoolean closed = new AtomicBoolean();
        public final AtomicInteger calls = new AtomicInteger();

        public FakeDetector(List<Landmarks> faces, boolean withPoints) {
            for (Landmarks f : faces) {
                this.faces.add(new DetectedFace(boxAround(f), 0.99, withPoints ? f : null));
            }
        }

        @Override
        public List<DetectedFace> detect(Image photo) {
            calls.incrementAndGet();
            return faces;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** A deterministic upscaler for tests only: MATLAB bicubic enlargement, optionally failing. */
    public static final class BicubicUpscaler implements FaceUpscaler {
        private final int in;
        private final int out;
        private final boolean fail;
        private final float offset;
        public final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        public final AtomicBoolean closed = new AtomicBoolean();

        public BicubicUpscaler(int in, int out) {
            this(in, out, false, 0);
        }

        /** With {@code offset}, every restored pixel is shifted by that many levels (a colour cast). */
        public BicubicUpscaler(int in, int out, boolean fail, float offset) {
            this.in = in;
            this.out = out;
            this.fail = fail;
            this.offset = offset;
        }

        @Override
        public String name() {
            return "test-bicubic";
        }

        @Override
        public int inputSize() {
            return in;
        }

        @Override
        public int outputSize() {
            return out;
        }

        @Override
        public List<Image> upscale(List<Image> crops) {
            if (closed.get()) {
                throw new IllegalStateException("closed");
            }
            batchSizes.add(crops.size());
            if (fail) {
                throw new IllegalStateException("deliberate test failure");
            }
            List<Image> res = new ArrayList<>();
            for (Image c : crops) {
                if (c.getWidth() != in || c.getHeight() != in) {
                    throw new IllegalArgumentException("crop " + c.getWidth() + "x" + c.getHeight() + ", expected " + in);
                }
                FloatImage big = MatlabResize.resize(RgbImages.fromDjl(c), out, out);
                float[] d = big.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] += offset;
                }
                res.add(RgbImages.toDjl(big));
            }
            return res;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
