/**
 * Role blocks, named for what they do in a face super-resolution network: {@link
 * dev.facesr.core.nn.role.Encoder} (image to code), {@link dev.facesr.core.nn.role.Decoder}
 * (code to image), {@link dev.facesr.core.nn.role.Regressor} (LR code to HR code, every stage
 * returned), {@link dev.facesr.core.nn.role.Generator} (LR image to HR image, or same-size
 * refinement) and {@link dev.facesr.core.nn.role.Discriminator} (patch or global, optionally
 * conditioned on the LR image). Each reports the builder arguments that rebuild it ({@link
 * dev.facesr.core.nn.RebuildableBlock#arguments()}) and its builder accepts such a map ({@code
 * fromArguments}), so stored configurations and the model zoo can rebuild blocks.
 */
package dev.facesr.core.nn.role;
