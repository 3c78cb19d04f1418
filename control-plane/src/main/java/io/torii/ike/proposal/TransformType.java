package io.torii.ike.proposal;

/**
 * The transform types of an IKEv2 SA payload (RFC 7296 §3.3.2, IANA "Transform Type Values"). Key
 * exchange is the type RFC 7296 calls Diffie-Hellman group; RFC 9370 renamed it.
 */
public final class TransformType
{
    /** Encryption algorithm (ENCR). */
    public static final int ENCRYPTION = 1;
    /** Pseudorandom function (PRF). */
    public static final int PRF = 2;
    /** Integrity algorithm (INTEG). */
    public static final int INTEGRITY = 3;
    /** Key exchange method (D-H group). */
    public static final int KEY_EXCHANGE = 4;
    /** Extended sequence numbers (ESN); RFC 9827 calls it sequence numbers. */
    public static final int EXTENDED_SEQUENCE_NUMBERS = 5;

    private TransformType()
    {
    }

    /**
     * @param type a transform type value.
     * @return its short name as RFC 7296 writes it, or {@code TYPE<n>} for one it does not define.
     */
    public static String name(final int type)
    {
        return switch (type)
        {
            case ENCRYPTION -> "ENCR";
            case PRF -> "PRF";
            case INTEGRITY -> "INTEG";
            case KEY_EXCHANGE -> "KE";
            case EXTENDED_SEQUENCE_NUMBERS -> "ESN";
            default -> "TYPE" + type;
        };
    }
}
