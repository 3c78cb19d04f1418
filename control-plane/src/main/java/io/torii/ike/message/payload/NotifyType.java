package io.torii.ike.message.payload;

/**
 * Notify Message Types (RFC 7296 §3.10.1, IANA "IKEv2 Notify Message Types"): errors below
 * {@link #FIRST_STATUS}, status types from it on.
 */
public final class NotifyType
{
    public static final int UNSUPPORTED_CRITICAL_PAYLOAD = 1;
    public static final int INVALID_IKE_SPI = 4;
    public static final int INVALID_MAJOR_VERSION = 5;
    public static final int INVALID_SYNTAX = 7;
    public static final int INVALID_MESSAGE_ID = 9;
    public static final int INVALID_SPI = 11;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int INVALID_KE_PAYLOAD = 17;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int SINGLE_PAIR_REQUIRED = 34;
    public static final int NO_ADDITIONAL_SAS = 35;
    public static final int INTERNAL_ADDRESS_FAILURE = 36;
    public static final int FAILED_CP_REQUIRED = 37;
    public static final int TS_UNACCEPTABLE = 38;
    public static final int INVALID_SELECTORS = 39;
    /** RFC 4555 §4.2.4: a NAT was found though NO_NATS_ALLOWED said none may be. */
    public static final int UNEXPECTED_NAT_DETECTED = 41;
    public static final int TEMPORARY_FAILURE = 43;
    public static final int CHILD_SA_NOT_FOUND = 44;

    /** The first status type; everything below is an error. */
    public static final int FIRST_STATUS = 16384;
    public static final int INITIAL_CONTACT = 16384;
    public static final int SET_WINDOW_SIZE = 16385;
    public static final int ADDITIONAL_TS_POSSIBLE = 16386;
    public static final int IPCOMP_SUPPORTED = 16387;
    public static final int NAT_DETECTION_SOURCE_IP = 16388;
    public static final int NAT_DETECTION_DESTINATION_IP = 16389;
    public static final int COOKIE = 16390;
    public static final int USE_TRANSPORT_MODE = 16391;
    public static final int HTTP_CERT_LOOKUP_SUPPORTED = 16392;
    public static final int REKEY_SA = 16393;
    public static final int ESP_TFC_PADDING_NOT_SUPPORTED = 16394;
    public static final int NON_FIRST_FRAGMENTS_ALSO = 16395;
    public static final int MOBIKE_SUPPORTED = 16396;
    /** RFC 4555 §4.2: MOBIKE's status notifies. */
    public static final int ADDITIONAL_IP4_ADDRESS = 16397;
    public static final int ADDITIONAL_IP6_ADDRESS = 16398;
    public static final int NO_ADDITIONAL_ADDRESSES = 16399;
    public static final int UPDATE_SA_ADDRESSES = 16400;
    public static final int COOKIE2 = 16401;
    public static final int NO_NATS_ALLOWED = 16402;
    public static final int REDIRECT_SUPPORTED = 16406;
    public static final int IKEV2_FRAGMENTATION_SUPPORTED = 16430;
    public static final int SIGNATURE_HASH_ALGORITHMS = 16431;

    private NotifyType()
    {
    }

    /**
     * @param type a notify message type.
     * @return true for an error type, false for a status type.
     */
    public static boolean isError(final int type)
    {
        return type < FIRST_STATUS;
    }
}
