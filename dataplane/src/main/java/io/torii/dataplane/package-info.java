/**
 * Torii's dataplane: busy-polling ESP (RFC 4303) and AH (RFC 4302) workers, each owning a shard of
 * SAs, fed in batches by packet ports and programmed by the control plane over ring buffers.
 * Sub-packages follow shared/STYLE.md: {@code packet}, {@code esp}, {@code ah}, {@code sadb},
 * {@code crypto}, {@code worker}, {@code port}, {@code handoff}, {@code status}.
 */
package io.torii.dataplane;
