package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One ESP known-answer case: the SA's algorithm and keying material, the packet's SPI, sequence number
 * and IV, its plaintext from payload to next header, and the ciphertext and ICV a reference gives.
 *
 * @param name where it comes from, such as "page 6: AES-128, ESN".
 * @param algorithm the encryption algorithm.
 * @param keyMaterial the key followed by the salt, as {@code CryptoEngine.esp} takes it.
 * @param spi the SPI.
 * @param sequence the 64-bit sequence number.
 * @param esn whether the high 32 bits are authenticated.
 * @param iv the explicit IV.
 * @param plaintext payload, padding, pad length and next header.
 * @param ciphertext what the reference encrypts the plaintext to.
 * @param icv the reference ICV, or an empty array where the reference has none.
 */
record EspVector(
    String name,
    EncryptionAlgorithm algorithm,
    byte[] keyMaterial,
    int spi,
    long sequence,
    boolean esn,
    byte[] iv,
    byte[] plaintext,
    byte[] ciphertext,
    byte[] icv)
{
    /**
     * @param file a file under {@code vectors/}.
     * @return its cases.
     */
    static List<EspVector> load(final String file)
    {
        return VectorFile.load(file).stream().map(EspVector::from).toList();
    }

    /**
     * Seals {@code packet} with this vector's IV rather than one the transform would choose.
     */
    void sealWithIv(final EspTransform transform, final EspPacket packet)
    {
        final ByteBuffer buffer = packet.buffer;
        switch (transform)
        {
            case AeadEspTransform aead ->
                aead.sealWithIv(buffer, packet.espOffset, packet.trailerEnd, sequence, esn, ivAsLong());
            case GmacEspTransform gmac ->
                gmac.sealWithIv(buffer, packet.espOffset, packet.trailerEnd, sequence, esn, ivAsLong());
            case CbcHmacEspTransform cbc ->
                cbc.sealWithIv(buffer, packet.espOffset, packet.trailerEnd, sequence, esn, iv);
            default -> throw new IllegalArgumentException(transform + " takes no IV");
        }
    }

    /** @return a packet holding this vector's plaintext, for a transform with the given ICV length. */
    EspPacket plaintextPacket(final BufferKind kind, final int icvLength)
    {
        return EspPacket.withPlaintext(kind, iv.length, icvLength, spi, sequence, plaintext);
    }

    /** @return a packet as the reference sent it: IV and ciphertext in place, {@code icv} after them. */
    EspPacket ciphertextPacket(final BufferKind kind, final byte[] icv)
    {
        final EspPacket packet = EspPacket.withPlaintext(kind, iv.length, icv.length, spi, sequence, ciphertext);
        packet.buffer.put(packet.espOffset + EspLayout.HEADER_LENGTH, iv);
        packet.buffer.put(packet.trailerEnd, icv);
        return packet;
    }

    private long ivAsLong()
    {
        return HexFormat.fromHexDigitsToLong(HexFormat.of().formatHex(iv));
    }

    @Override
    public String toString()
    {
        return name;
    }

    private static EspVector from(final Map<String, String> block)
    {
        final byte[] key = VectorFile.hex(block, "key");
        final byte[] salt = block.containsKey("salt") ? VectorFile.hex(block, "salt") : new byte[0];
        final byte[] keyMaterial = new byte[key.length + salt.length];
        System.arraycopy(key, 0, keyMaterial, 0, key.length);
        System.arraycopy(salt, 0, keyMaterial, key.length, salt.length);
        return new EspVector(
            block.get("name"),
            EncryptionAlgorithm.valueOf(block.get("algorithm")),
            keyMaterial,
            HexFormat.fromHexDigits(block.get("spi")),
            HexFormat.fromHexDigitsToLong(block.get("sequence")),
            Boolean.parseBoolean(block.get("esn")),
            VectorFile.hex(block, "iv"),
            VectorFile.hex(block, "plaintext"),
            VectorFile.hex(block, "ciphertext"),
            block.containsKey("icv") ? VectorFile.hex(block, "icv") : new byte[0]);
    }
}
