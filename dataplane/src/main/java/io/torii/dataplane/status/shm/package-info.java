/**
 * Counters in a memory-mapped file, {@code RUN_DIR/counters.dat}, that the daemon's workers write
 * and another process ({@code torii stats}, a metrics scraper) reads while the daemon runs.
 *
 * <p>The file is a small header ({@link io.torii.dataplane.status.shm.CountersFileHeader}) then an
 * Agrona counters area: metadata records with a type id, a key and a label, and a value per
 * counter. {@link io.torii.dataplane.status.shm.WorkerCounters} is the writing side of one worker,
 * with {@link io.torii.dataplane.status.shm.PortCounters} for the drops its ports count themselves;
 * {@link io.torii.dataplane.status.shm.CountersSnapshot} is the reading side, which groups
 * counters by the fields of their keys ({@link io.torii.dataplane.status.shm.CounterKey}) rather
 * than by parsing labels.
 */
package io.torii.dataplane.status.shm;
