/**
 * Examples of using the loss API from outside the library, as a researcher would; compiled and
 * run with the tests, and quoted in docs/losses.md.
 */
package dev.facesr.core.loss.example;
