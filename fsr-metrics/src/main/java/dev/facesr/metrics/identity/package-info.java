/**
 * Identity metrics: cosine similarity between face embeddings from any {@link
 * dev.facesr.metrics.identity.EmbeddingFunction}, and face-verification accuracy with the LFW
 * k-fold threshold protocol.
 */
package dev.facesr.metrics.identity;
