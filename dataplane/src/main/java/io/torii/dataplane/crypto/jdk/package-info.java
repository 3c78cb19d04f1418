/**
 * The JDK (JCE) crypto engine: ESP transforms for every {@link io.torii.dataplane.crypto.EncryptionAlgorithm}
 * and HMAC-SHA2 integrity transforms for AH, built only on {@code javax.crypto}. It is the engine that is
 * always available and the test oracle that native engines are checked against byte for byte, so it
 * favours plain, checkable constructions over speed: RFC 4106 and RFC 4543 nonces and AADs, RFC 7634,
 * RFC 3602 CBC with RFC 4868 truncated HMACs, and the ESN rules of RFC 4303.
 *
 * <p>Keys are expanded once per transform; {@code close()} zeroes every copy of a key this package
 * holds and re-keys the JDK objects so that they drop theirs. Per packet the package allocates nothing
 * of its own beyond the parameter object that {@code Cipher.init} needs for GCM and ChaCha20-Poly1305.
 */
package io.torii.dataplane.crypto.jdk;
