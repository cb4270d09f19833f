/**
 * Cross-resolution face identity embeddings: {@link dev.facesr.models.identity.IdentityNet} (a
 * compact CNN mapping a face crop to an L2-normalised embedding), the training-only {@link
 * dev.facesr.models.identity.CosineClassifier} (class proxies for a margin softmax), and the
 * student-stage wiring {@link dev.facesr.models.identity.CrossResolutionPair} / {@link
 * dev.facesr.models.identity.CrossResolutionLoss} that distils a high-resolution teacher into a
 * 16x16 low-resolution student. See {@code docs/recognition.md}.
 */
package dev.facesr.models.identity;
