/**
 * The Security Policy Database (RFC 4301 §4.4.1): which cleartext traffic is protected, passed
 * in the clear or discarded, and the check that decrypted traffic stayed within its SA's selectors.
 *
 * <p>{@link io.torii.dataplane.spd.TrafficSelector} reads selectors written as in swanctl.conf's
 * {@code local_ts} and {@code remote_ts}; a {@link io.torii.dataplane.spd.SecurityPolicy} pairs
 * local and remote selectors with a direction, an action, a priority and a tunnel handle; and a
 * {@link io.torii.dataplane.spd.PolicyTable}, one per worker, finds the first matching policy for a
 * packet without allocating. Selectors are parsed when configuration is loaded; only the table's
 * lookups run per packet.
 */
package io.torii.dataplane.spd;
