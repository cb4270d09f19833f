/** Runnable examples of the FaceSR API. */
package dev.facesr.examples;
