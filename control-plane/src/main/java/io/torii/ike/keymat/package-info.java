/**
 * IKEv2 key material: SKEYSEED and the seven IKE SA keys (RFC 7296 §2.14), SKEYSEED of a rekeyed IKE
 * SA (§2.18), Child SA KEYMAT (§2.17), and pre-shared-key AUTH data (§2.15). Everything here is
 * computed with an {@link io.torii.ike.crypto.Prf}; key holders zero themselves on close.
 */
package io.torii.ike.keymat;
