package io.torii.ike.message;

/**
 * The exchange types of the IKE header (RFC 7296 §3.1, IANA "IKEv2 Exchange Types").
 */
public final class ExchangeType
{
    public static final int IKE_SA_INIT = 34;
    public static final int IKE_AUTH = 35;
    public static final int CREATE_CHILD_SA = 36;
    public static final int INFORMATIONAL = 37;

    private ExchangeType()
    {
    }

    /**
     * @param type an exchange type value.
     * @return its name, or {@code EXCHANGE<n>} for one not listed here.
     */
    public static String name(final int type)
    {
        return switch (type)
        {
            case IKE_SA_INIT -> "IKE_SA_INIT";
            case IKE_AUTH -> "IKE_AUTH";
            case CREATE_CHILD_SA -> "CREATE_CHILD_SA";
            case INFORMATIONAL -> "INFORMATIONAL";
            default -> "EXCHANGE" + type;
        };
    }
}
