package io.torii.ike.message;

/**
 * The protection of one direction of an IKE SA: how the Encrypted payload (SK, RFC 7296 §3.14) and
 * the Encrypted Fragment payload (SKF, RFC 7383 §2.5) are sealed and opened. The codec lays the
 * message out; the cipher only transforms bytes in place.
 *
 * <p>Layout, with offsets into the whole message (IKE header at 0):
 * <pre>
 *   [0, ivOffset)                          IKE header, any payloads before SK, SK's generic header
 *                                          (and SKF's fragment numbers): the AEAD associated data
 *   [ivOffset, ivOffset + ivLength)        IV, chosen by {@link #seal}
 *   [ivOffset + ivLength, icvOffset)       inner payloads, padding, Pad Length: encrypted in place
 *   [icvOffset, icvOffset + icvLength)     ICV: over [0, icvOffset) for an integrity algorithm
 *                                          (§3.14), the AEAD tag for AES-GCM and ChaCha20-Poly1305
 *                                          (RFC 5282 §5.1, RFC 7634 §3)
 * </pre>
 * The codec pads the plaintext so that its length including the Pad Length byte is a multiple of
 * {@link #blockSize()}, and writes every length field, the IKE header's included, before sealing.
 */
public interface SkCipher
{
    /** @return bytes of IV before the ciphertext. */
    int ivLength();

    /** @return bytes of ICV after the ciphertext. */
    int icvLength();

    /** @return what plaintext plus Pad Length must be a multiple of: 16 for AES-CBC, 1 for AEADs. */
    int blockSize();

    /**
     * Encrypts in place and writes the IV and ICV.
     *
     * @param message the whole message, its lengths final.
     * @param ivOffset where the IV goes.
     * @param icvOffset where the ICV goes: the end of the plaintext.
     * @throws IllegalArgumentException when the offsets do not fit the message or the block size.
     */
    void seal(byte[] message, int ivOffset, int icvOffset);

    /**
     * Checks the ICV in constant time and, when it is right, decrypts in place; when it is wrong the
     * message is left as it was.
     *
     * @param message the whole message as received.
     * @param ivOffset where the IV starts.
     * @param icvOffset where the ICV starts.
     * @return true when the ICV was right and the plaintext is in place.
     */
    boolean open(byte[] message, int ivOffset, int icvOffset);
}
