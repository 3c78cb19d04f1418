/**
 * IKE SAs as the daemon keeps them: their identity (SPIs), lifecycles, message retransmission and the
 * NAT detection data they exchange (RFC 7296 §2.1, §2.4, §2.23).
 */
package io.torii.ike.sa;
