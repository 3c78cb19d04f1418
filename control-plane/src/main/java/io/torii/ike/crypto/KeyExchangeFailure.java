package io.torii.ike.crypto;

/** Why a peer's public value gave no shared secret (RFC 6989 checks and their kin). */
public enum KeyExchangeFailure
{
    /** Not the exact length the group's public values have. */
    WRONG_LENGTH,
    /** MODP: not 1 &lt; y &lt; p-1 (RFC 6989 §2.1); ECP: a coordinate not below p. */
    OUT_OF_RANGE,
    /** ECP: the point does not satisfy the curve equation (RFC 6989 §2.3). */
    NOT_ON_CURVE,
    /** ECP: the all-zero encoding, which stands for no point of the group. */
    POINT_AT_INFINITY,
    /** X25519/X448: a low-order point, whose shared secret is all zeros (RFC 7748 §6, RFC 8031 §2). */
    ALL_ZERO_SHARED_SECRET,
    /** The provider refused the value for a reason the checks above do not name. */
    COMPUTATION_FAILED
}
