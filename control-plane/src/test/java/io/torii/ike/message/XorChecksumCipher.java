package io.torii.ike.message;

import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A test-only {@link SkCipher}: XOR with a key stream derived from the IV, and a CRC-32 over
 * everything before the ICV as the "ICV". It checks the offsets it is given against the contract
 * and remembers the last ones, so tests can check the layout the codec chose.
 */
public final class XorChecksumCipher implements SkCipher
{
    private final int ivLength;
    private final int blockSize;
    private final byte key;
    private int ivCounter;
    int lastIvOffset = -1;
    int lastIcvOffset = -1;

    /**
     * @param ivLength bytes of IV.
     * @param blockSize the block size the plaintext is padded to.
     * @param key the XOR key byte.
     */
    public XorChecksumCipher(final int ivLength, final int blockSize, final byte key)
    {
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.key = key;
    }

    @Override
    public int ivLength()
    {
        return ivLength;
    }

    @Override
    public int icvLength()
    {
        return 4;
    }

    @Override
    public int blockSize()
    {
        return blockSize;
    }

    @Override
    public void seal(final byte[] message, final int ivOffset, final int icvOffset)
    {
        checkOffsets(message, ivOffset, icvOffset);
        lastIvOffset = ivOffset;
        lastIcvOffset = icvOffset;
        for (int i = 0; i < ivLength; i++)
        {
            message[ivOffset + i] = (byte)(0xA0 + ivCounter + i);
        }
        ivCounter++;
        xor(message, ivOffset, icvOffset);
        new UnsafeBuffer(message).putInt(icvOffset, checksum(message, icvOffset), ByteOrder.BIG_ENDIAN);
    }

    @Override
    public boolean open(final byte[] message, final int ivOffset, final int icvOffset)
    {
        checkOffsets(message, ivOffset, icvOffset);
        lastIvOffset = ivOffset;
        lastIcvOffset = icvOffset;
        final byte[] expected = new byte[4];
        new UnsafeBuffer(expected).putInt(0, checksum(message, icvOffset), ByteOrder.BIG_ENDIAN);
        final byte[] received = Arrays.copyOfRange(message, icvOffset, icvOffset + 4);
        if (!MessageDigest.isEqual(expected, received))
        {
            return false;
        }
        xor(message, ivOffset, icvOffset);
        return true;
    }

    private void checkOffsets(final byte[] message, final int ivOffset, final int icvOffset)
    {
        final int ciphertext = icvOffset - ivOffset - ivLength;
        if (ivOffset < 0 || ciphertext < 1 || ciphertext % blockSize != 0 || icvOffset + 4 != message.length)
        {
            throw new IllegalArgumentException("bad offsets " + ivOffset + ", " + icvOffset + " in " + message.length);
        }
    }

    private void xor(final byte[] message, final int ivOffset, final int icvOffset)
    {
        for (int i = ivOffset + ivLength; i < icvOffset; i++)
        {
            message[i] ^= (byte)(key ^ message[ivOffset + (i % ivLength)]);
        }
    }

    private static int checksum(final byte[] message, final int length)
    {
        final CRC32 crc = new CRC32();
        crc.update(message, 0, length);
        return (int)crc.getValue();
    }
}
