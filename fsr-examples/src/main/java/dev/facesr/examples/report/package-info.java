/**
 * The quality report ({@code ./fsr report}): Y-PSNR and Y-SSIM of every model against the bicubic
 * baseline on the FSRNet test sets and CelebA validation faces, landmark error on Helen-50, speed
 * per face, and a picture grid, all measured by one command and written to {@code docs/}.
 *
 * <p>Models enter through {@link dev.facesr.examples.report.ReportModelResolver}s (name to {@link
 * dev.facesr.examples.report.ReportModel}); landmark estimators through {@link
 * dev.facesr.examples.report.LandmarkEstimator}. {@link dev.facesr.examples.report.QualityReport}
 * runs everything and {@link dev.facesr.examples.report.ReportWriter} writes the files.
 */
package dev.facesr.examples.report;
