/**
 * How the dataplane's busy-polling agents get threads: a {@link io.torii.dataplane.threading.ThreadingMode}
 * (a thread per worker, optionally pinned to a CPU, or all workers on one thread), the idle
 * strategy a thread uses when a cycle finds no work, and the libc affinity calls that pin a thread.
 */
package io.torii.dataplane.threading;
