package io.torii.ike.message;

/**
 * How many payloads of one type a message may carry, and where: one row of {@link PayloadRules}.
 *
 * @param payloadType a {@link PayloadType} value.
 * @param min the fewest allowed.
 * @param max the most allowed, {@link #ANY} for no limit.
 * @param encrypted true when the payload must be inside SK, false when it must be in the clear.
 */
public record PayloadRule(int payloadType, int min, int max, boolean encrypted)
{
    /** No upper limit. */
    public static final int ANY = Integer.MAX_VALUE;

    /**
     * @param payloadType the type.
     * @param min the fewest.
     * @param max the most.
     * @return a row for a payload sent in the clear.
     */
    public static PayloadRule plain(final int payloadType, final int min, final int max)
    {
        return new PayloadRule(payloadType, min, max, false);
    }

    /**
     * @param payloadType the type.
     * @param min the fewest.
     * @param max the most.
     * @return a row for a payload sent inside SK.
     */
    public static PayloadRule sealed(final int payloadType, final int min, final int max)
    {
        return new PayloadRule(payloadType, min, max, true);
    }
}
