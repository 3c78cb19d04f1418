/**
 * Certificate authentication for IKEv2: the credentials swanctl loads from the folders beside
 * swanctl.conf (certificates, CA certificates, private keys in PKCS#1, SEC1 and PKCS#8, CRLs), RFC 7427
 * Digital Signature AUTH payloads (RSASSA-PSS, RSA PKCS#1 v1.5, ECDSA, Ed25519) and the RFC 4754 ECDSA
 * methods, SIGNATURE_HASH_ALGORITHMS, CERT and CERTREQ contents (our certificate with the intermediates that
 * chain it), chain validation against trusted CAs with CRLs, and matching an IKE identity to a certificate as strongSwan does. Everything is the JDK's
 * crypto; bad input gives a {@link io.torii.ike.auth.CredentialResult} with a reason, never an exception.
 */
package io.torii.ike.auth;
