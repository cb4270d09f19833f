/**
 * Speed and soundness benchmarks of the shipped models and the {@code FaceSR} facade, run by
 * {@code ./fsr benchmark}: per-face latency and batch throughput of each model, a whole photo
 * through the facade, peak resident memory, and a multi-threaded soak run on one shared {@code
 * FaceSR}. They print figures; they assert nothing about speed.
 */
package dev.facesr.examples.bench;
