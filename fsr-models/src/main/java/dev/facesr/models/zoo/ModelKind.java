package dev.facesr.models.zoo;

/** What a zoo model computes, which decides its {@code Translator}. */
public enum ModelKind {
    /** Face super-resolution: LR crop in, SR crop out ({@link SuperResolutionTranslator}). */
    SUPER_RESOLUTION,
    /** Landmark estimation: face crop in, (x, y) points out ({@link LandmarkTranslator}). */
    LANDMARKS,
    /** Face identity embedding: face crop in, unit-length embedding out ({@link IdentityTranslator}). */
    IDENTITY
}
