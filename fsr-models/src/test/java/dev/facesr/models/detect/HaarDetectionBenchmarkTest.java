package dev.facesr.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facesr.core.pipeline.BoundingBox;
import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.facade.image.RgbImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recall and false positives of {@link HaarFaceDetector} on synthetic group photos built at test
 * time (never stored): 1280x720 smooth random backgrounds with 18 {@code landmarks68/images/train}
 * crops pasted on a 6x3 grid, 3 each at face sizes 15, 20, 30, 40, 60 and 80 px (the longer side of
 * the 68 points' bounding box), upright or rolled by +-15 degrees. A face counts as found when the
 * centre of its points' bounding box lies in a detection box (one detection per face, best scores
 * first); every unmatched detection is a false positive. Prints the table of docs/detection.md.
 * Photos: system property {@code fsr.bench.photos} (default 6).
 */
@Tag("benchmark")
class HaarDetectionBenchmarkTest {

    static final int[] SIZES = {15, 20, 30, 40, 60, 80};
    static final int W = 1280;
    static final int H = 720;

    record Truth(double cx, double cy, int size) {}

    record Photo(BufferedImage image, List<Truth> faces) {}

    @Test
    void recallAndFalsePositivesOnSyntheticGroupPhotos() {
        TrainFaces faces = TrainFaces.openOrSkip();
        int photos = Integer.getInteger("fsr.bench.photos", 6);
        List<Photo> upright = new ArrayList<>();
        List<Photo> rolled = new ArrayList<>();
        for (int p = 0; p < photos; p++) {
            upright.add(photo(faces, p, false));
            rolled.add(photo(faces, p, true));
        }
        Map<String, Supplier<HaarFaceDetector>> configs = new LinkedHashMap<>();
        configs.put("default (upright faces)", HaarFaceDetector::newDefault);
        configs.put("optMinFaceSize(10): 2x pre-upscale (upright)",
                () -> HaarFaceDetector.builder().optMinFaceSize(10).build());
        configs.put("optRollAngles(-15, 0, 15) (upright)",
                () -> HaarFaceDetector.builder().optRollAngles(-15, 0, 15).build());
        configs.put("default (faces rolled +-15 deg)", HaarFaceDetector::newDefault);
        configs.put("optRollAngles(-15, 0, 15) (rolled +-15 deg)",
                () -> HaarFaceDetector.builder().optRollAngles(-15, 0, 15).build());
        System.out.printf(Locale.ROOT, "%d photos %dx%d, %d faces each; CPU cores %d%n", photos, W, H,
                upright.get(0).faces().size(), Runtime.getRuntime().availableProcessors());
        StringBuilder header = new StringBuilder("| detector | recall");
        for (int s : SIZES) {
            header.append(" | ").append(s).append(" px");
        }
        System.out.println(header.append(" | false pos./photo | s/photo |"));
        int col = 0;
        for (Map.Entry<String, Supplier<HaarFaceDetector>> c : configs.entrySet()) {
            List<Photo> set = c.getKey().contains("rolled") ? rolled : upright;
            int[] found = new int[SIZES.length];
            int[] total = new int[SIZES.length];
            int falsePositives = 0;
            long nanos = 0;
            try (HaarFaceDetector d = c.getValue().get()) {
                d.detect(RgbImages.wrap(set.get(0).image())); // warm-up
                for (Photo p : set) {
                    long t0 = System.nanoTime();
                    List<DetectedFace> dets = d.detect(RgbImages.wrap(p.image()));
                    nanos += System.nanoTime() - t0;
                    boolean[] matched = new boolean[p.faces().size()];
                    for (DetectedFace det : dets) {
                        int best = -1;
                        double bestDist = Double.MAX_VALUE;
                        for (int i = 0; i < matched.length; i++) {
                            Truth t = p.faces().get(i);
                            if (!matched[i] && inside(det.box(), t)) {
                                double dist = Math.hypot(det.box().centerX() - t.cx(), det.box().centerY() - t.cy());
                                if (dist < bestDist) {
                                    bestDist = dist;
                                    best = i;
                                }
                            }
                        }
                        if (best < 0) {
                            falsePositives++;
                        } else {
                            matched[best] = true;
                        }
                    }
                    for (int i = 0; i < matched.length; i++) {
                        int k = indexOf(p.faces().get(i).size());
                        total[k]++;
                        found[k] += matched[i] ? 1 : 0;
                    }
                }
            }
            int f = 0;
            int t = 0;
            StringBuilder row = new StringBuilder("| " + c.getKey());
            for (int k = 0; k < SIZES.length; k++) {
                f += found[k];
                t += total[k];
            }
            row.append(String.format(Locale.ROOT, " | %.2f", (double) f / t));
            for (int k = 0; k < SIZES.length; k++) {
                row.append(String.format(Locale.ROOT, " | %.2f", (double) found[k] / total[k]));
            }
            row.append(String.format(Locale.ROOT, " | %.2f | %.2f |", (double) falsePositives / set.size(),
                    nanos / 1e9 / set.size()));
            System.out.println(row);
            if (col++ == 0) {
                assertThat((double) f / t).as("recall of the default detector").isGreaterThan(0.5);
            }
        }
    }

    private static boolean inside(BoundingBox b, Truth t) {
        return t.cx() >= b.x() && t.cx() <= b.x() + b.width() && t.cy() >= b.y() && t.cy() <= b.y() + b.height();
    }

    private static int indexOf(int size) {
        for (int k = 0; k < SIZES.length; k++) {
            if (SIZES[k] == size) {
                return k;
            }
        }
        throw new IllegalArgumentException("size " + size);
    }

    /** Builds photo {@code p}: faces {@code 18p .. 18p+17} (every 7th train face), seeded layout. */
    static Photo photo(TrainFaces faces, int p, boolean roll) {
        Random rnd = new Random(1000 + p);
        BufferedImage canvas = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        BufferedImage coarse = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 16; x++) {
                coarse.setRGB(x, y, rnd.nextInt(0x1000000));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(coarse, 0, 0, W, H, null);
        List<Integer> sizes = new ArrayList<>();
        for (int s : SIZES) {
            sizes.add(s);
            sizes.add(s);
            sizes.add(s);
        }
        Collections.shuffle(sizes, rnd);
        List<Truth> truths = new ArrayList<>();
        int cols = 6;
        int cellW = W / cols;
        int cellH = H / 3;
        for (int slot = 0; slot < sizes.size(); slot++) {
            TrainFaces.Face face = faces.face(((p * sizes.size() + slot) * 7) % faces.size());
            Landmarks pts = face.points();
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int i = 0; i < pts.size(); i++) {
                minX = Math.min(minX, pts.x(i));
                maxX = Math.max(maxX, pts.x(i));
                minY = Math.min(minY, pts.y(i));
                maxY = Math.max(maxY, pts.y(i));
            }
            int size = sizes.get(slot);
            double s = size / Math.max(maxX - minX, maxY - minY);
            double side = face.image().getWidth() * s;
            double x0 = (slot % cols) * cellW + (cellW - side) / 2 + (rnd.nextDouble() - 0.5) * (cellW - side) * 0.5;
            double y0 = (slot / cols) * cellH + (cellH - side) / 2 + (rnd.nextDouble() - 0.5) * (cellH - side) * 0.5;
            double deg = roll ? (rnd.nextBoolean() ? 15 : -15) : 0;
            AffineTransform t = new AffineTransform();
            t.translate(x0, y0);
            t.rotate(Math.toRadians(deg), side / 2, side / 2);
            t.scale(s, s);
            g.drawImage(face.image(), t, null);
            double fx = (minX + maxX) / 2 + 0.5;
            double fy = (minY + maxY) / 2 + 0.5;
            double[] c = {fx, fy};
            t.transform(c, 0, c, 0, 1);
            truths.add(new Truth(c[0], c[1], size));
        }
        g.dispose();
        return new Photo(canvas, truths);
    }
}
