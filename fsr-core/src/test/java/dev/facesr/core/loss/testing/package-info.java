/**
 * Test fixtures for losses, published in fsr-core's test-jar: {@link
 * dev.facesr.core.loss.testing.LossContract} checks any DJL loss (shape, weight linearity,
 * reductions, batch independence, non-negativity, zero when equal, finite gradients) in a few
 * lines of a JUnit test.
 */
package dev.facesr.core.loss.testing;
