package io.torii.ike.proposal;

/**
 * Transform type 5 IDs (IANA "IKEv2 Transform Type 5 - Extended Sequence Numbers Transform IDs").
 */
public final class ExtendedSequenceNumbers
{
    /** 32-bit sequence numbers. */
    public static final int NO = 0;
    /** 64-bit extended sequence numbers, RFC 4303 §2.2.1. */
    public static final int YES = 1;

    private ExtendedSequenceNumbers()
    {
    }

    /**
     * @param id an ESN transform ID.
     * @return its IANA name for logs, or {@code ESN<n>} for one this class does not define.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case NO -> "NO_ESN";
            case YES -> "ESN";
            default -> "ESN" + id;
        };
    }
}
