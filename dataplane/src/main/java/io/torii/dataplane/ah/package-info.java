/**
 * The Authentication Header (RFC 4302): what the ICV covers and how the AH processor finds it.
 * {@link io.torii.dataplane.ah.AhMutableFields} puts the IP header and the extension headers before
 * AH into the form the ICV is computed over (mutable fields zeroed, mutable-but-predictable fields
 * set to their values at the final destination) and puts the original bytes back afterwards, so a
 * verified packet is delivered exactly as it arrived.
 */
package io.torii.dataplane.ah;
