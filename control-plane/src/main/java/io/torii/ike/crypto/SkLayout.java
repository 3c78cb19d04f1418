package io.torii.ike.crypto;

/** Checks the offsets a {@link io.torii.ike.message.SkCipher} is given against the message and cipher. */
final class SkLayout
{
    private SkLayout()
    {
    }

    /**
     * @return true when [0, ivOffset) | IV | ciphertext | ICV fits in the message and the ciphertext is
     *     a whole number of blocks.
     */
    static boolean fits(final byte[] message, final int ivOffset, final int icvOffset, final int ivLength,
        final int icvLength, final int blockSize)
    {
        if (message == null || ivOffset < 0 || icvOffset < 0)
        {
            return false;
        }
        final long ciphertextLength = (long)icvOffset - ivOffset - ivLength;
        return ciphertextLength >= 0 && ciphertextLength % blockSize == 0 &&
            (long)icvOffset + icvLength <= message.length;
    }

    static void require(final byte[] message, final int ivOffset, final int icvOffset, final int ivLength,
        final int icvLength, final int blockSize)
    {
        if (!fits(message, ivOffset, icvOffset, ivLength, icvLength, blockSize))
        {
            throw new IllegalArgumentException("SK layout: IV at " + ivOffset + ", ICV at " + icvOffset + " in " +
                (message == null ? "no" : String.valueOf(message.length)) + " bytes does not fit IV " + ivLength +
                ", ICV " + icvLength + ", block " + blockSize);
        }
    }
}
