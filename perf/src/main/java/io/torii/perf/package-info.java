/**
 * Torii's performance lab: JMH microbenchmarks under {@code jmh}, end-to-end harnesses under
 * {@code load}. Benchmarks report ratios taken in one run, since the machines are shared.
 */
package io.torii.perf;
