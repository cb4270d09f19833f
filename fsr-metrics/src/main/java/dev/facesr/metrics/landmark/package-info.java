/**
 * Landmark localisation error: per-image normalised mean point error, its set mean, the fraction
 * below a threshold and the area under the cumulative error distribution.
 */
package dev.facesr.metrics.landmark;
