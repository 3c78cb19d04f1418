package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import java.util.Objects;

/**
 * What a payload's {@code decode} returns: the payload, or why its body does not parse.
 *
 * @param payload the payload, null when refused.
 * @param reason {@link MalformedReason#OK} with a payload, the reason otherwise.
 */
public record PayloadResult(Payload payload, MalformedReason reason)
{
    /**
     * @throws IllegalArgumentException when a payload comes with a reason or none comes without.
     */
    public PayloadResult
    {
        Objects.requireNonNull(reason, "reason");
        if ((payload != null) != (reason == MalformedReason.OK))
        {
            throw new IllegalArgumentException("a payload goes with OK and only with OK: " + reason);
        }
    }

    /**
     * @param payload a decoded payload.
     * @return success.
     */
    public static PayloadResult ok(final Payload payload)
    {
        return new PayloadResult(Objects.requireNonNull(payload, "payload"), MalformedReason.OK);
    }

    /**
     * @param reason why the body was refused, not OK.
     * @return a refusal.
     */
    public static PayloadResult malformed(final MalformedReason reason)
    {
        return new PayloadResult(null, reason);
    }

    /** @return true when a payload was decoded. */
    public boolean isOk()
    {
        return payload != null;
    }
}
