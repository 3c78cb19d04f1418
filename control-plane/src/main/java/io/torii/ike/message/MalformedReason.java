package io.torii.ike.message;

/**
 * Why a received message, or one payload of it, was refused: what the decoder, a payload's
 * {@code verify()} and {@link PayloadRules} return, and what the daemon counts, one counter per
 * value. {@link #OK} is the absence of a reason.
 */
public enum MalformedReason
{
    /** Nothing wrong. */
    OK,

    // The message as a whole (RFC 7296 §3.1, §3.2).
    /** Fewer bytes than an IKE header. */
    TRUNCATED_HEADER,
    /** The IKE header's Length differs from the bytes received, or the chain ends before them. */
    LENGTH_MISMATCH,
    /** Major version other than 2: answered with INVALID_MAJOR_VERSION (§2.5). */
    UNSUPPORTED_MAJOR_VERSION,
    /** A generic payload header runs past the end of its message or SK plaintext. */
    TRUNCATED_PAYLOAD,
    /** A Payload Length below the generic header, past the end, or below what the type needs. */
    BAD_PAYLOAD_LENGTH,
    /** An unknown payload type with the critical bit set: answered with UNSUPPORTED_CRITICAL_PAYLOAD. */
    UNSUPPORTED_CRITICAL_PAYLOAD,

    // The Encrypted payload (§3.14, RFC 7383).
    /** SK or SKF is followed by more bytes: it must be the last payload. */
    SK_NOT_LAST,
    /** SK or SKF found inside an SK payload's plaintext. */
    NESTED_ENCRYPTED,
    /** Both SK and SKF, or an SK payload but no cipher to open it with. */
    UNEXPECTED_ENCRYPTED,
    /** The SK payload is too short for its IV, ICV and one block, or not block-aligned. */
    BAD_ENCRYPTED_LENGTH,
    /** The ICV did not verify. */
    INTEGRITY_FAILED,
    /** The Pad Length is longer than the plaintext. */
    BAD_PADDING,
    /** SKF's Fragment Number is 0 or above Total Fragments (RFC 7383 §2.5). */
    BAD_FRAGMENT_NUMBER,

    // Payload bodies (§3.3 to §3.16).
    /** A proposal or transform substructure has a wrong length or "last" flag. */
    BAD_SUBSTRUCTURE,
    /** An SA payload has no proposal, or a proposal has no transform. */
    NO_PROPOSALS,
    /** Proposal numbers not 1, 2, 3... (§3.3.1). */
    BAD_PROPOSAL_NUMBER,
    /** A protocol ID of 0, or one the payload does not allow. */
    BAD_PROTOCOL,
    /** An SPI size that does not fit the protocol. */
    BAD_SPI_SIZE,
    /** Num Transforms differs from the transforms present. */
    BAD_TRANSFORM_COUNT,
    /** A transform of type 0 or an attribute that does not parse (§3.3.5). */
    BAD_TRANSFORM,
    /** A KE payload without key exchange data. */
    BAD_KEY_EXCHANGE,
    /** An identification whose data does not fit its ID type (§3.5). */
    BAD_IDENTIFICATION,
    /** A CERT or CERTREQ payload without an encoding. */
    BAD_CERTIFICATE,
    /** An AUTH payload without method or data. */
    BAD_AUTHENTICATION,
    /** A nonce outside 16 to 256 bytes (§3.9). */
    BAD_NONCE_LENGTH,
    /** A Notify whose SPI size does not fit its protocol (§3.10). */
    BAD_NOTIFY,
    /** A Delete whose SPI size or count does not fit its protocol (§3.11). */
    BAD_DELETE,
    /** A traffic selector with a wrong length, type, or start above end (§3.13.1). */
    BAD_TRAFFIC_SELECTOR,
    /** A configuration payload or attribute that does not parse (§3.15). */
    BAD_CONFIGURATION,
    /** An EAP message whose Length or Code is wrong (§3.16, RFC 3748 §4). */
    BAD_EAP,

    // Per-exchange rules (§1, §3): see PayloadRules.
    /** The exchange type is not one this implementation handles. */
    UNKNOWN_EXCHANGE_TYPE,
    /** A payload type the exchange does not carry. */
    PAYLOAD_NOT_ALLOWED,
    /** Fewer payloads of a type than the exchange needs. */
    MISSING_PAYLOAD,
    /** More payloads of a type than the exchange allows. */
    TOO_MANY_PAYLOADS,
    /** A payload outside SK that the exchange must encrypt, or an exchange without SK. */
    NOT_ENCRYPTED,
    /** A payload inside SK that the exchange sends in the clear. */
    UNEXPECTED_ENCRYPTION
}
