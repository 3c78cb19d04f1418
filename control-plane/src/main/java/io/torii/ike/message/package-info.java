/**
 * IKEv2 messages on the wire (RFC 7296 §3): the IKE header, the payload chain, the per-exchange
 * payload rules, and the Encrypted payload's layout, sealed and opened through an {@link
 * io.torii.ike.message.SkCipher}.
 */
package io.torii.ike.message;
