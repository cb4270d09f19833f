/**
 * Layers: {@link dev.facesr.core.nn.layer.ConvBlock}, {@link
 * dev.facesr.core.nn.layer.ResidualBlock} (with optional channel attention and residual scaling),
 * {@link dev.facesr.core.nn.layer.ResidualGroup}, {@link
 * dev.facesr.core.nn.layer.PixelShuffleUpsampler}, {@link dev.facesr.core.nn.layer.HourglassBlock},
 * {@link dev.facesr.core.nn.layer.GlobalPoolingHead} and their parts. Input channel counts are
 * taken from the input shape at initialisation; builders set the output side only.
 */
package dev.facesr.core.nn.layer;
