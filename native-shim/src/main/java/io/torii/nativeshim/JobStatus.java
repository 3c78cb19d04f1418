package io.torii.nativeshim;

/**
 * The status a batch call writes into each job ({@code TORII_IPSECMB_STATUS_*} of
 * {@code torii_shim.h}), read through {@link EspJobArray#status(int)} and
 * {@link AhJobArray#status(int)}. Plain ints, so that reading one on the hot path costs nothing.
 */
public final class JobStatus
{
    /** Sealed, opened, signed or verified. */
    public static final int OK = 0;
    /** The ICV did not match; open and verify left the data as it was received. */
    public static final int AUTH_FAILED = 1;
    /**
     * A job the C side refused: lengths (CBC data not whole blocks, too short for header and IV),
     * or a key C could not use. Java refuses a caller's mistakes before the call, so on open this
     * means a malformed packet.
     */
    public static final int INVALID = 2;
    /** seal: the sequence number, which is the IV, does not exceed the last one sealed with the key. */
    public static final int IV_REUSE = 3;

    private JobStatus()
    {
    }

    /**
     * @param status a status.
     * @return its name, for logs and test messages.
     */
    public static String name(final int status)
    {
        return switch (status)
        {
            case OK -> "OK";
            case AUTH_FAILED -> "AUTH_FAILED";
            case INVALID -> "INVALID";
            case IV_REUSE -> "IV_REUSE";
            default -> "UNKNOWN(" + status + ")";
        };
    }
}
