/**
 * In-memory packet ports for tests and single-process setups: {@link
 * io.torii.dataplane.port.memory.MemoryPortPair}, two ports joined back to back through bounded
 * queues that two threads may drive; {@link io.torii.dataplane.port.memory.MemoryPort}, a
 * single-threaded port whose traffic a test injects and inspects; and {@link
 * io.torii.dataplane.port.memory.FaultyPort}, a decorator that drops, duplicates, reorders and
 * corrupts packets from a seeded random source, counting each fault.
 */
package io.torii.dataplane.port.memory;
