/**
 * Inbound sequence numbers of one SA: the anti-replay window ({@link io.torii.dataplane.replay.ReplayWindow},
 * RFC 4303 §3.4.3 with an RFC 6479 bitmap) and the high-order bits of extended sequence numbers
 * ({@link io.torii.dataplane.replay.EsnReconstruction}, RFC 4303 Appendix A2.2). The outbound counter lives
 * in the SA's off-heap runtime instead, handed out by {@link io.torii.dataplane.sadb.OutboundSequencing}.
 *
 * <p>Each class holds the state of one SA direction, is owned by the worker that owns the SA, and is not
 * thread-safe. Nothing here allocates after construction. An inbound packet goes: reconstruct the full
 * sequence number, {@code check} it, verify the ICV with that number, then {@code commit} it; a forged
 * packet therefore never moves the window.
 */
package io.torii.dataplane.replay;
