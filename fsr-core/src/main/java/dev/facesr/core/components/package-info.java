/**
 * The names under which fsr-core's blocks, losses, degradations, datasets and validation
 * metrics can be used in a run configuration file ({@link
 * dev.facesr.core.components.CoreComponentProvider}; the table is in {@code docs/training.md}).
 */
package dev.facesr.core.components;
