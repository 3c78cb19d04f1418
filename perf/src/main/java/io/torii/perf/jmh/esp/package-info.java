/**
 * JMH benchmarks of the ESP packet engine: {@link io.torii.perf.jmh.esp.EspEncryptBenchmark} and
 * {@link io.torii.perf.jmh.esp.EspDecryptBenchmark} push full batches of tunnel-mode IPv4 packets through
 * the encapsulator and decapsulator, per suite, packet size and crypto engine (JDK or ipsec-mb);
 * {@link io.torii.perf.jmh.esp.RawGcmBenchmark} runs ipsec-mb's AES-GCM directly over the same slots, the
 * C limit the native engine is measured against; and {@link io.torii.perf.jmh.esp.BatchRefillBenchmark}
 * measures the copy that refills a batch, the part of every invocation that is not the engine's work.
 *
 * <p>Scores are per packet ({@code @OperationsPerInvocation} is the batch size). Forked JVMs run with
 * Agrona bounds checks off, as production does; {@code io.torii.perf.EspBenchReport} runs the matrix and
 * turns the scores into Mpps, Gbit/s and shares of the C limit.
 */
package io.torii.perf.jmh.esp;
