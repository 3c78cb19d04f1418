package io.torii.ike.message;

import java.util.Objects;

/**
 * A reason and the payload type it concerns: the type to name in an UNSUPPORTED_CRITICAL_PAYLOAD
 * notify, or the payload a rule refused.
 *
 * @param reason what was wrong, {@link MalformedReason#OK} when nothing.
 * @param payloadType the {@link PayloadType} concerned, {@link PayloadType#NONE} when none.
 */
public record Verdict(MalformedReason reason, int payloadType)
{
    /** Nothing wrong. */
    public static final Verdict OK = new Verdict(MalformedReason.OK, PayloadType.NONE);

    /**
     * @throws NullPointerException when the reason is null.
     */
    public Verdict
    {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason what was wrong.
     * @return a verdict about no particular payload.
     */
    public static Verdict of(final MalformedReason reason)
    {
        return reason == MalformedReason.OK ? OK : new Verdict(reason, PayloadType.NONE);
    }

    /** @return true when nothing was wrong. */
    public boolean isOk()
    {
        return reason == MalformedReason.OK;
    }

    @Override
    public String toString()
    {
        return payloadType == PayloadType.NONE ? reason.name() : reason + "(" + PayloadType.name(payloadType) + ")";
    }
}
