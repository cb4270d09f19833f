/**
 * How the {@code fsr enroll}, {@code identify} and {@code verify} commands find a face embedder by
 * name: {@link dev.facesr.examples.recognition.EmbedderResolver}s registered for {@link
 * java.util.ServiceLoader}. None ships yet; the model zoo registers its embedders after merge.
 */
package dev.facesr.examples.recognition;
