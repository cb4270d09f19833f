/** The {@code fsr} command-line tool and its sub-commands. */
package dev.facesr.examples.cli;
