/**
 * The cross-domain face SR model: a shared encoder for HR faces and for LR faces resized to the
 * HR grid, a progressive residual regressor from LR codes to HR codes, a decoder, and a
 * discriminator preset for the GAN stage; {@link dev.facesr.models.crossdomain.CrossDomainSr} is
 * the inference block and gives the training stages its parts.
 */
package dev.facesr.models.crossdomain;
