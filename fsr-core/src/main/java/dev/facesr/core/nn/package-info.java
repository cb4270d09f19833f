/**
 * Neural-network building blocks for face super-resolution.
 *
 * <p>This package holds what every block shares: {@link dev.facesr.core.nn.FsrBlock} (the base
 * class with one shape walk, a version byte and a clear version check on load), the setting
 * enums ({@link dev.facesr.core.nn.ActivationType}, {@link dev.facesr.core.nn.NormType},
 * {@link dev.facesr.core.nn.ResizeMode}), the differentiable {@link dev.facesr.core.nn.Resize}
 * used for skips and conditioning, {@link dev.facesr.core.nn.ParameterCounts} and the
 * {@link dev.facesr.core.nn.BlockArguments} helpers that turn builder settings into JSON-friendly
 * maps and back. Layers live in {@code dev.facesr.core.nn.layer}, role blocks (encoder, decoder,
 * regressor, generator, discriminator) in {@code dev.facesr.core.nn.role}.
 *
 * <p>Images are float32 NCHW tensors with values in [0, 1].
 */
package dev.facesr.core.nn;
