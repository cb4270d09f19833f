package dev.facesr.examples.report;

import ai.djl.modality.cv.Image;
import java.util.Arrays;
import java.util.List;

/**
 * Times a report model: a few untimed warm-up calls, then the median (and minimum) of timed
 * calls, divided by the batch size. A call is the whole {@link ReportModel#upscale} (image
 * conversions included), as a user of the model sees it.
 *
 * @param warmup untimed calls first, at least 0
 * @param timed timed calls, at least 1
 */
public record SpeedBenchmark(int warmup, int timed) {

    /**
     * Validates the counts.
     *
     * @param warmup untimed calls first, at least 0
     * @param timed timed calls, at least 1
     */
    public SpeedBenchmark {
        if (warmup < 0 || timed < 1) {
            throw new IllegalArgumentException("A speed run needs warmup >= 0 and timed >= 1 calls, got " + warmup
                    + " and " + timed);
        }
    }

    /**
     * Times one model on one batch.
     *
     * @param model the model
     * @param batch the low-resolution faces of one call
     * @param scale the scale factor
     * @return the speed, in milliseconds per face
     */
    public QualityResults.Speed measure(ReportModel model, List<Image> batch, double scale) {
        for (int i = 0; i < warmup; i++) {
            model.upscale(batch, scale);
        }
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            List<Image> out = model.upscale(batch, scale);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (out.size() != batch.size()) {
                throw new IllegalStateException(model.name() + " returned " + out.size() + " faces for "
                        + batch.size());
            }
        }
        Arrays.sort(ms);
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        return new QualityResults.Speed(model.name(), scale, batch.size(), warmup, timed, median / batch.size(),
                ms[0] / batch.size());
    }
}
