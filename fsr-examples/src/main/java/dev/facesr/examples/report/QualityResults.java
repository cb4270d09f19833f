package dev.facesr.examples.report;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Everything one run of the quality report measured, ready to be written by {@link ReportWriter}.
 *
 * @param run how and when the report was made
 * @param machine the machine the speeds were measured on
 * @param models the models in the report, baseline first
 * @param sets the face sets that were read
 * @param scores Y-PSNR / Y-SSIM per model, set and scale
 * @param landmarks the landmark-error section
 * @param speeds milliseconds per face per model and batch size
 * @param grid the picture grid (rows faces, columns LR, models, ground truth)
 * @param gridColumns the column titles of the grid
 */
public record QualityResults(
        RunInfo run,
        MachineInfo machine,
        List<ModelInfo> models,
        List<SetInfo> sets,
        List<Score> scores,
        LandmarkSection landmarks,
        List<Speed> speeds,
        BufferedImage grid,
        List<String> gridColumns) {

    /**
     * How the report was made.
     *
     * @param command the command line
     * @param date the UTC date and time it started (ISO-8601)
     * @param commit the git commit ({@code git rev-parse --short HEAD}), or "unknown"
     * @param quick whether the {@code --quick} smoke-test sizes were used
     * @param crop the border crop before measuring (0: none)
     * @param seconds the wall-clock duration of the run
     */
    public record RunInfo(String command, String date, String commit, boolean quick, int crop, double seconds) {}

    /**
     * A model of the report.
     *
     * @param name its name
     * @param scales the scales it handles; empty for any scale
     * @param description where it came from
     */
    public record ModelInfo(String name, List<Double> scales, String description) {}

    /**
     * A face set that was read.
     *
     * @param name its name
     * @param source where the faces came from
     * @param count how many faces
     */
    public record SetInfo(String name, String source, int count) {}

    /**
     * Y-PSNR and Y-SSIM of one model on one set at one scale.
     *
     * @param model the model name
     * @param set the set name
     * @param scale the scale factor
     * @param meanPsnr the mean Y-PSNR in dB over the images (+inf if one is identical)
     * @param meanSsim the mean Y-SSIM
     * @param ids the image ids
     * @param psnr the per-image Y-PSNR
     * @param ssim the per-image Y-SSIM
     */
    public record Score(String model, String set, double scale, double meanPsnr, double meanSsim,
            List<String> ids, double[] psnr, double[] ssim) {}

    /**
     * The landmark-error section.
     *
     * @param estimator the estimator's name, or null when no estimator was available (not measured)
     * @param set the set with ground-truth landmarks
     * @param scale the scale factor of the super-resolved inputs
     * @param rows one row per input kind (ground truth, bicubic, each model)
     */
    public record LandmarkSection(String estimator, String set, double scale, List<LandmarkRow> rows) {

        /**
         * Tells whether landmarks were measured.
         *
         * @return false when no estimator was available
         */
        public boolean measured() {
            return estimator != null;
        }
    }

    /**
     * The landmark error of the estimator on one kind of input.
     *
     * @param input {@code ground truth} or a model name
     * @param meanNme the mean error normalised by the outer-eye-corner distance (points 36/45)
     * @param fractionBelow the fraction of faces with an error below the threshold
     * @param threshold the threshold (0.08)
     * @param perImage the per-image errors
     */
    public record LandmarkRow(String input, double meanNme, double fractionBelow, double threshold, double[] perImage) {}

    /**
     * The speed of one model at one batch size.
     *
     * @param model the model name
     * @param scale the scale it ran at
     * @param batch the faces per call
     * @param warmup the untimed calls before timing
     * @param timed the timed calls
     * @param medianMsPerFace the median call time divided by the batch size, in ms
     * @param minMsPerFace the fastest call divided by the batch size, in ms
     */
    public record Speed(String model, double scale, int batch, int warmup, int timed, double medianMsPerFace,
            double minMsPerFace) {}
}
