package io.torii.ike.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of one Encrypted Fragment payload (SKF, RFC 7383 §2.5), opened: a slice of the inner
 * payload chain that only makes sense once all fragments are joined, in number order, and decoded
 * with {@link IkeMessageDecoder#decodeReassembled}.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Fragment Number        |        Total Fragments        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Initialization Vector                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                      Encrypted content                        ~
 *  +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               |             Padding (0-255 octets)            |
 *  +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
 *  |                                               |  Pad Length   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                    Integrity Checksum Data                    ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param number the Fragment Number, 1 to {@code total}.
 * @param total the Total Fragments.
 * @param firstInnerType the first inner payload's type in fragment 1, {@link PayloadType#NONE} in
 *     the others.
 * @param content the plaintext slice, copied.
 */
public record EncryptedFragment(int number, int total, int firstInnerType, byte[] content)
{
    /**
     * @throws IllegalArgumentException when the numbers are out of order or do not fit 16 bits.
     */
    public EncryptedFragment
    {
        content = Objects.requireNonNull(content, "content").clone();
        if (number < 1 || number > total || total > 0xFFFF)
        {
            throw new IllegalArgumentException("fragment " + number + " of " + total + ": expected 1 <= number <= " +
                "total <= 65535");
        }
    }

    /** @return a copy of the plaintext slice. */
    @Override
    public byte[] content()
    {
        return content.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof EncryptedFragment that && number == that.number && total == that.total &&
            firstInnerType == that.firstInnerType && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(number, total, firstInnerType, Arrays.hashCode(content));
    }

    @Override
    public String toString()
    {
        return "SKF[" + number + "/" + total + ", " + content.length + " bytes]";
    }
}
