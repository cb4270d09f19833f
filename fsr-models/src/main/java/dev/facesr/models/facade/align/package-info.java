/**
 * Face alignment: the canonical 5-point {@link dev.facesr.models.facade.align.FaceTemplate} of
 * the FaceSR framing, the least-squares {@link dev.facesr.models.facade.align.SimilarityFit} and
 * the {@link dev.facesr.models.facade.align.SimilarityAligner}.
 */
package dev.facesr.models.facade.align;
