package io.torii.ike.message;

import java.util.Objects;

/**
 * What {@link IkeMessageDecoder} returns: the message, or the verdict that refused it.
 *
 * @param message the decoded message, null when refused.
 * @param verdict {@link Verdict#OK} with a message, the reason otherwise.
 */
public record DecodeResult(IkeMessage message, Verdict verdict)
{
    /**
     * @throws IllegalArgumentException when a message comes with a reason or none comes without.
     */
    public DecodeResult
    {
        Objects.requireNonNull(verdict, "verdict");
        if ((message != null) != verdict.isOk())
        {
            throw new IllegalArgumentException("a message goes with OK and only with OK: " + verdict);
        }
    }

    /**
     * @param message a decoded message.
     * @return success.
     */
    public static DecodeResult ok(final IkeMessage message)
    {
        return new DecodeResult(Objects.requireNonNull(message, "message"), Verdict.OK);
    }

    /**
     * @param reason why the message was refused, not OK.
     * @param payloadType the payload concerned, or {@link PayloadType#NONE}.
     * @return a refusal.
     */
    public static DecodeResult malformed(final MalformedReason reason, final int payloadType)
    {
        return new DecodeResult(null, new Verdict(reason, payloadType));
    }

    /** @return true when a message was decoded. */
    public boolean isOk()
    {
        return verdict.isOk();
    }

    /** @return the reason, {@link MalformedReason#OK} on success. */
    public MalformedReason reason()
    {
        return verdict.reason();
    }
}
