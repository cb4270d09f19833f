/**
 * Image plumbing of the facade: decoding any supported input to RGB ({@link
 * dev.facesr.models.facade.image.PhotoDecoder}), DJL image conversions ({@link
 * dev.facesr.models.facade.image.RgbImages}) and bilinear affine warping ({@link
 * dev.facesr.models.facade.image.Warp}).
 */
package dev.facesr.models.facade.image;
