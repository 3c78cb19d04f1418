package io.torii.ike.proposal;

/**
 * One transform of a proposal (RFC 7296 §3.3.2): its type, its ID within the type, and the value of
 * its Key Length attribute (§3.3.5) in bits, or {@link #NO_KEY_LENGTH} when it carries none.
 *
 * @param type a {@link TransformType} value, 1 to 255.
 * @param id the transform ID, 0 to 65535.
 * @param keyLength the Key Length attribute in bits, or {@link #NO_KEY_LENGTH}.
 */
public record Transform(int type, int id, int keyLength)
{
    /** The key length of a transform without the Key Length attribute. */
    public static final int NO_KEY_LENGTH = 0;

    /**
     * @throws IllegalArgumentException when a field is outside what the wire format can carry.
     */
    public Transform
    {
        if (type < 1 || type > 255 || id < 0 || id > 0xFFFF || keyLength < 0 || keyLength > 0xFFFF)
        {
            throw new IllegalArgumentException("transform type " + type + " id " + id + " key length " + keyLength +
                ": expected type 1-255, id and key length 0-65535");
        }
    }

    /**
     * @param type a {@link TransformType} value.
     * @param id the transform ID.
     * @return a transform without a Key Length attribute.
     */
    public static Transform of(final int type, final int id)
    {
        return new Transform(type, id, NO_KEY_LENGTH);
    }

    /** @return true when the transform carries a Key Length attribute. */
    public boolean hasKeyLength()
    {
        return keyLength != NO_KEY_LENGTH;
    }

    @Override
    public String toString()
    {
        return TransformType.name(type) + ":" + id + (hasKeyLength() ? "/" + keyLength : "");
    }
}
