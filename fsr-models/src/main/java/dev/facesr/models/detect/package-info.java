/**
 * Offline face detection for the FaceSR pipeline: {@link
 * dev.facesr.models.detect.HaarFaceDetector} (OpenCV's frontal-face Haar cascade, boxes only) and
 * {@link dev.facesr.models.detect.BoxTemplateLandmarks}, an approximate 5-point landmark
 * estimator that places calibrated mean positions inside a Haar box. Recall, speed and
 * landmark error are measured in {@code docs/detection.md}.
 */
package dev.facesr.models.detect;
