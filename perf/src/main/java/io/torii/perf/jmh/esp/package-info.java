/**
 * JMH benchmarks of the ESP packet engine: {@link io.torii.perf.jmh.esp.EspEncryptBenchmark} and
 * {@link io.torii.perf.jmh.esp.EspDecryptBenchmark} push full batches of tunnel-mode IPv4 packets through
 * the encapsulator and decapsulator with the JDK crypto engine, per suite and packet size, and
 * {@link io.torii.perf.jmh.esp.BatchRefillBenchmark} measures the copy that refills a batch, the part of
 * every invocation that is not the engine's work.
 *
 * <p>Scores are per packet ({@code @OperationsPerInvocation} is the batch size). Forked JVMs run with
 * Agrona bounds checks off, as production does; {@code io.torii.perf.EspBenchReport} runs the matrix and
 * turns the scores into Mpps and Gbit/s.
 */
package io.torii.perf.jmh.esp;
