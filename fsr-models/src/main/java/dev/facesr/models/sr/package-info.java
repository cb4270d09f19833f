/** Presets of the shipped PSNR-oriented super-resolution generators (fsr-core {@code Generator}s). */
package dev.facesr.models.sr;
