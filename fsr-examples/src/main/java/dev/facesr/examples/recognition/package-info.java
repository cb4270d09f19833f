/**
 * How the {@code fsr enroll}, {@code identify} and {@code verify} commands find a face embedder by
 * name: {@link dev.facesr.examples.recognition.EmbedderResolver}s registered for {@link
 * java.util.ServiceLoader}. FaceSR registers {@link
 * dev.facesr.examples.recognition.ZooEmbedderResolver}: the model zoo's identity models that have
 * trained weights ({@code identity}, with its 16x16 student {@code identity-lr16}).
 */
package dev.facesr.examples.recognition;
