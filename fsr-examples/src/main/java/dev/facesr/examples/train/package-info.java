/** Training programs for the models FaceSR ships. */
package dev.facesr.examples.train;
