/**
 * Losses for face super-resolution, each a DJL {@link ai.djl.training.loss.Loss} with a weight
 * and a {@link dev.facesr.core.loss.Reduction}, returning the batch mean by default.
 *
 * <p>Every loss extends {@link dev.facesr.core.loss.FaceLoss}: it computes one value per sample
 * and the base class applies the weight and the reduction. {@link
 * dev.facesr.core.loss.WeightedSumLoss} combines named components and reports each of them
 * ({@link dev.facesr.core.loss.ComponentLoss}). Input conventions: {@code labels} are the
 * targets ({@code hr}, {@code dReal}, teacher outputs), {@code predictions} what is trained
 * ({@code sr}, {@code dFake}, student outputs); images are NCHW float32 in [0, 1]. See {@code
 * docs/losses.md}; the {@code LossContract} fixture in fsr-core's test-jar checks any loss.
 */
package dev.facesr.core.loss;
