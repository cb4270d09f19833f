/**
 * The small, thread-safe interfaces the FaceSR facade composes, and the value types they pass:
 * {@link dev.facesr.core.pipeline.FaceDetector} (photo to {@link
 * dev.facesr.core.pipeline.DetectedFace}s), {@link dev.facesr.core.pipeline.LandmarkEstimator}
 * (photo and box to {@link dev.facesr.core.pipeline.Landmarks}), {@link
 * dev.facesr.core.pipeline.FaceAligner} (landmarks to an {@link
 * dev.facesr.core.pipeline.AlignedFace}: crop plus {@link dev.facesr.core.pipeline.Affine2D}),
 * {@link dev.facesr.core.pipeline.FaceUpscaler} (super-resolution), {@link
 * dev.facesr.core.pipeline.FacePaster} (restored crops back into the photo) and {@link
 * dev.facesr.core.pipeline.FaceEmbedder} (identity embeddings). Coordinates are pixels of the
 * image they belong to, pixel-centre convention.
 */
package dev.facesr.core.pipeline;
