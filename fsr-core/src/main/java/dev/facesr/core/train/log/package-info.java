/**
 * Observers that report a training run: a progress bar (or plain log lines when there is no
 * terminal) and CSV or JSON-lines files of every logged figure.
 */
package dev.facesr.core.train.log;
