package io.torii.ike.crypto;

import io.torii.ike.message.SkCipher;
import java.util.Objects;

/**
 * The two directions of an IKE SA's protection. The initiator seals with {@link #initiator()} and
 * opens with {@link #responder()}; the responder does the opposite.
 *
 * @param initiator protects messages the original initiator sends (SK_ei, SK_ai).
 * @param responder protects messages the original responder sends (SK_er, SK_ar).
 */
public record SkCipherPair(SkCipher initiator, SkCipher responder)
{
    /** @throws NullPointerException when either is missing. */
    public SkCipherPair
    {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(responder, "responder");
    }

    /**
     * @param isOriginalInitiator whether this end started the IKE SA.
     * @return the cipher this end seals with.
     */
    public SkCipher outbound(final boolean isOriginalInitiator)
    {
        return isOriginalInitiator ? initiator : responder;
    }

    /**
     * @param isOriginalInitiator whether this end started the IKE SA.
     * @return the cipher this end opens the peer's messages with.
     */
    public SkCipher inbound(final boolean isOriginalInitiator)
    {
        return isOriginalInitiator ? responder : initiator;
    }
}
