/**
 * Optimizers that update named parameters from their gradients and can save and restore their
 * state, so a resumed training run continues with the same moments it stopped with.
 */
package dev.facesr.core.train.optim;
