/**
 * Protection of an IKE responder against floods of IKE_SA_INIT requests (RFC 7296 §2.6, RFC 8019):
 * counting half-open IKE SAs per source and in all, asking for cookies above a threshold and dropping
 * above another, as strongSwan does with its {@code cookie_threshold}, {@code cookie_threshold_ip} and
 * {@code block_threshold} settings.
 */
package io.torii.ike.dos;
