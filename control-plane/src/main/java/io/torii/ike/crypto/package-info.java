/**
 * IKEv2 cryptographic primitives over the JDK's providers: key exchanges (RFC 7296 §3.4 with the
 * groups of RFC 3526, RFC 5903 and RFC 8031, peer values checked per RFC 6989), the PRFs (§2.13,
 * RFC 4868), the Encrypted payload ciphers behind {@link io.torii.ike.message.SkCipher} (AES-CBC with
 * HMAC, AES-GCM per RFC 5282, ChaCha20-Poly1305 per RFC 7634), and the IANA transform IDs they use.
 * Key derivation built on these lives in {@code io.torii.ike.keymat}.
 */
package io.torii.ike.crypto;
