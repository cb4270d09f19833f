/**
 * The fast SR baseline {@link dev.facesr.models.baseline.FastSr}: a light residual network on the
 * LR input with one pixel-shuffle upsampling (ESPCN / SRResNet family).
 */
package dev.facesr.models.baseline;
