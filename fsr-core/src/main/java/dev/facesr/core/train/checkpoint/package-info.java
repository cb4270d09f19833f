/**
 * Training checkpoints: one self-checking file per checkpoint, written atomically (temporary
 * file in the same directory, then an atomic rename), holding every named block's parameters,
 * the optimizers' states and the run's position, so a killed run resumes where it stopped.
 */
package dev.facesr.core.train.checkpoint;
