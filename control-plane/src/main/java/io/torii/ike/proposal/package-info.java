/**
 * IKEv2 proposals and transforms as values (RFC 7296 §3.3): what SA payloads carry, what the
 * configuration's proposal strings describe, and what proposal selection compares.
 */
package io.torii.ike.proposal;
