package dev.facesr.models.detect;

import dev.facesr.core.pipeline.DetectedFace;
import dev.facesr.core.pipeline.Landmarks;
import dev.facesr.models.facade.image.RgbImages;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibrates {@link BoxTemplateLandmarks} for a detector on {@code landmarks68/images/train}: each
 * face is detected, the box holding all 5 ground-truth points (68 reduced by {@link
 * Landmarks#toFivePoint()}) with the best score is matched, and the points' relative positions in
 * it are averaged. The error of a template is the mean point-to-point distance normalised by the
 * outer-eye-corner distance (points 36 and 45, the 300-W inter-ocular normalisation).
 */
final class BoxTemplateCalibration {

    /** One matched face: its ground truth (5 points) and its relative positions in the matched box. */
    record Sample(Landmarks truth, double interOcular, dev.facesr.core.pipeline.BoundingBox box) {}

    /** The matched faces and how many were looked at. */
    record Matched(List<Sample> samples, int faces) {}

    private BoxTemplateCalibration() {}

    /** Detects every {@code stride}-th train face (at most {@code limit}) and matches boxes. */
    static Matched match(TrainFaces faces, HaarFaceDetector detector, int limit, int stride) {
        List<Sample> samples = new ArrayList<>();
        int seen = 0;
        for (int i = 0; i < faces.size() && seen < limit; i += stride) {
            TrainFaces.Face face = faces.face(i);
            seen++;
            Landmarks l68 = face.points();
            Landmarks five = l68.toFivePoint();
            DetectedFace best = null;
            for (DetectedFace d : detector.detect(RgbImages.wrap(face.image()))) {
                if (containsAll(d, five) && (best == null || d.score() > best.score())) {
                    best = d;
                }
            }
            if (best != null) {
                double io = Math.hypot(l68.x(36) - l68.x(45), l68.y(36) - l68.y(45));
                samples.add(new Sample(five, io, best.box()));
            }
        }
        return new Matched(samples, seen);
    }

    private static boolean containsAll(DetectedFace d, Landmarks five) {
        for (int i = 0; i < five.size(); i++) {
            double x = five.x(i) + 0.5;
            double y = five.y(i) + 0.5;
            if (x < d.box().x() || y < d.box().y() || x > d.box().x() + d.box().width()
                    || y > d.box().y() + d.box().height()) {
                return false;
            }
        }
        return true;
    }

    /** The mean relative positions {@code u0, v0, ..., u4, v4} of the samples. */
    static double[] fit(List<Sample> samples) {
        double[] uv = new double[10];
        for (Sample s : samples) {
            for (int i = 0; i < 5; i++) {
                uv[2 * i] += (s.truth().x(i) + 0.5 - s.box().x()) / s.box().width() / samples.size();
                uv[2 * i + 1] += (s.truth().y(i) + 0.5 - s.box().y()) / s.box().height() / samples.size();
            }
        }
        return uv;
    }

    /** The mean over faces of the mean point error, normalised by the inter-ocular distance. */
    static double meanNormalisedError(BoxTemplateLandmarks template, List<Sample> samples) {
        double sum = 0;
        for (Sample s : samples) {
            Landmarks p = template.place(s.box());
            double e = 0;
            for (int i = 0; i < 5; i++) {
                e += Math.hypot(p.x(i) - s.truth().x(i), p.y(i) - s.truth().y(i)) / 5;
            }
            sum += e / s.interOcular();
        }
        return sum / samples.size();
    }

    /** Every {@code k}-th sample starting at {@code from}. */
    static List<Sample> every(List<Sample> all, int k, int from) {
        List<Sample> out = new ArrayList<>();
        for (int i = from; i < all.size(); i += k) {
            out.add(all.get(i));
        }
        return out;
    }
}
