/**
 * JMH benchmarks of the whole worker loop: {@link io.torii.perf.jmh.worker.WorkerLoopBenchmark} drives
 * {@code GatewayWorker.doWork()} over in-memory ports with 1 to 100,000 tunnels, one or two workers, per
 * packet size, crypto engine and direction, so that the score includes everything a packet meets on its
 * way through a worker: the SPD or SPI lookup, sequence numbers or the replay check, ESP and the crypto.
 * {@code io.torii.perf.WorkerBenchReport} runs the matrix and judges the dataplane's targets.
 */
package io.torii.perf.jmh.worker;
