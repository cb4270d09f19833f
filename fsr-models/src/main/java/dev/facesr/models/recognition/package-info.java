/**
 * Face recognition for service code: {@link dev.facesr.models.recognition.FaceRecognizer} enrols
 * people into a {@link dev.facesr.models.recognition.Gallery}, identifies and verifies faces by
 * the cosine similarity of identity embeddings, and treats low-resolution probes with a chosen
 * {@link dev.facesr.models.recognition.LowResolutionStrategy} (a low-resolution student embedder,
 * super-resolution first, or bicubic enlargement). The decision threshold is calibrated from
 * labelled pairs with {@link dev.facesr.models.recognition.ThresholdCalibration} and can be stored
 * with the gallery, which is saved to and loaded from a checksummed binary file ({@link
 * dev.facesr.models.recognition.GalleryFile}). See {@code docs/recognition-facade.md}.
 */
package dev.facesr.models.recognition;
