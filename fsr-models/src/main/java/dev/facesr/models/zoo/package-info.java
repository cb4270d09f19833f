/**
 * The FaceSR model zoo: model cards ({@link dev.facesr.models.zoo.ModelCard}), the writer side
 * ({@link dev.facesr.models.zoo.ModelExporter}), loading by name from the classpath or from a
 * directory through DJL's {@code Criteria} ({@link dev.facesr.models.zoo.FsrModelZoo}), the
 * translators of each model kind and the thread-safe pipeline components over them: {@link
 * dev.facesr.models.zoo.ZooFaceUpscaler}, {@link dev.facesr.models.zoo.ZooLandmarkEstimator} and
 * {@link dev.facesr.models.zoo.ZooFaceEmbedder} (face identity embeddings; {@code identity} and
 * its 16x16 student {@code identity-lr16}). Layout: {@code dev/facesr/models/<name>/model-card.json}
 * and {@code <name>-0000.params}.
 */
package dev.facesr.models.zoo;
