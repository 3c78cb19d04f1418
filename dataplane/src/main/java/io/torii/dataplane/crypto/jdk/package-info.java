/**
 * The JDK (JCE) crypto engine: ESP transforms for every {@link io.torii.dataplane.crypto.EncryptionAlgorithm}
 * and HMAC-SHA2 integrity transforms for AH, built only on {@code javax.crypto}. It is the engine that is
 * always available and the test oracle that native engines are checked against byte for byte, so it
 * favours plain, checkable constructions over speed: RFC 4106 and RFC 4543 nonces and AADs, RFC 7634,
 * RFC 3602 CBC with RFC 4868 truncated HMACs, and the ESN rules of RFC 4303.
 *
 * <p>Keys are expanded once per transform. {@code close()} zeroes every copy of a key this package
 * holds ({@link io.torii.dataplane.crypto.jdk.RawKey} instead of {@code SecretKeySpec}, which cannot be
 * zeroed) and re-keys each JDK object with zeros, which makes SunJCE zero the copies it keeps (AES round
 * keys and last key, GCM's last key, ChaCha20's key, HMAC's padded keys). Objects SunJCE derived and
 * dropped, such as a GCM engine's hash subkey, are left to the collector: no API reaches them.
 *
 * <p>Per packet the package allocates nothing of its own but the parameter object {@code Cipher.init}
 * needs for GCM and ChaCha20-Poly1305. The JDK allocates inside {@code init} and {@code doFinal}: the
 * HMAC's digest array, and for the combined modes buffers in proportion to the packet.
 */
package io.torii.dataplane.crypto.jdk;
