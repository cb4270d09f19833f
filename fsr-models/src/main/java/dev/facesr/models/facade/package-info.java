/**
 * The FaceSR facade: {@link dev.facesr.models.facade.FaceSR} upscales whole photos (detect,
 * align, super-resolve, paste back) and returns an {@link dev.facesr.models.facade.UpscaleResult}
 * with one {@link dev.facesr.models.facade.FaceResult} per face; inputs are {@link
 * dev.facesr.models.facade.PhotoInput}s and failures {@link
 * dev.facesr.models.facade.FaceSRException}s with a reason. See {@code docs/facade.md}.
 */
package dev.facesr.models.facade;
