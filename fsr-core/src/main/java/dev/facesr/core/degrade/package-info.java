/**
 * Degradations: how low-resolution (LR) faces are made from high-resolution (HR) ones.
 *
 * <p>Every degradation maps an HR image tensor (CHW, or an NCHW batch, float32 RGB in [0, 1])
 * to its degraded version and is deterministic given the {@link java.util.random.RandomGenerator}
 * passed in (or a seed); none of them touches the engine's global random state. Fixed
 * operations ({@link dev.facesr.core.degrade.GaussianBlur}, {@link
 * dev.facesr.core.degrade.MotionBlur}, {@link dev.facesr.core.degrade.GaussianNoise}, {@link
 * dev.facesr.core.degrade.PoissonNoise}, {@link dev.facesr.core.degrade.JpegCompression},
 * {@link dev.facesr.core.degrade.ColorJitter}, {@link dev.facesr.core.degrade.AreaDownscale})
 * compose with {@link dev.facesr.core.degrade.Degradations#sequence} and are sampled by the
 * blind-restoration style {@link dev.facesr.core.degrade.RandomDegradation}.
 */
package dev.facesr.core.degrade;
