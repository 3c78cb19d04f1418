package io.torii.dataplane.handoff;

import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#ADD_POLICY}: install a policy; selectors travel as swanctl.conf text, parsed by the
 * dataplane, so the wire needs no selector encoding of its own.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Policy id                                                  |
 *  | 12 Priority                                                   |
 *  | 16 Tunnel id                                                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 20 Direction    |  Action       | 22 Local selectors length     |
 *  | 24 Remote selectors length      |  reserved, zero               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 28 Local selectors, UTF-8, then remote selectors, UTF-8       ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AddPolicyFlyweight extends MessageFlyweight
{
    /** Offset of the policy id. */
    public static final int POLICY_ID_OFFSET = 8;
    /** Offset of the priority. */
    public static final int PRIORITY_OFFSET = 12;
    /** Offset of the tunnel id. */
    public static final int TUNNEL_ID_OFFSET = 16;
    /** Offset of the {@link PolicyDirection} ordinal. */
    public static final int DIRECTION_OFFSET = 20;
    /** Offset of the {@link PolicyAction} ordinal. */
    public static final int ACTION_OFFSET = 21;
    /** Offset of the local selectors' length. */
    public static final int LOCAL_LENGTH_OFFSET = 22;
    /** Offset of the remote selectors' length. */
    public static final int REMOTE_LENGTH_OFFSET = 24;
    /** Offset of the local selectors' text. */
    public static final int TEXT_OFFSET = 28;
    /** The longest selector text, in UTF-8 bytes, on each side. */
    public static final int MAX_SELECTORS_LENGTH = 2048;
    /** The longest message. */
    public static final int MAX_LENGTH = TEXT_OFFSET + 2 * MAX_SELECTORS_LENGTH;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public AddPolicyFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @param local the local selectors' UTF-8 length.
     * @param remote the remote selectors' UTF-8 length.
     * @return the message length.
     */
    public static int length(final int local, final int remote)
    {
        return TEXT_OFFSET + local + remote;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the correlation id.
     * @param policyId the policy id.
     * @param local the local selectors' UTF-8 bytes.
     * @param remote the remote selectors' UTF-8 bytes.
     * @param direction the direction.
     * @param action the action.
     * @param priority the priority.
     * @param tunnelId the tunnel.
     */
    public void set(
        final long correlationId,
        final int policyId,
        final byte[] local,
        final byte[] remote,
        final PolicyDirection direction,
        final PolicyAction action,
        final int priority,
        final int tunnelId)
    {
        correlationId(correlationId);
        i32(POLICY_ID_OFFSET, policyId);
        i32(PRIORITY_OFFSET, priority);
        i32(TUNNEL_ID_OFFSET, tunnelId);
        u8(DIRECTION_OFFSET, direction.ordinal());
        u8(ACTION_OFFSET, action.ordinal());
        u16(LOCAL_LENGTH_OFFSET, local.length);
        u16(REMOTE_LENGTH_OFFSET, remote.length);
        u16(REMOTE_LENGTH_OFFSET + 2, 0);
        text(TEXT_OFFSET, local);
        text(TEXT_OFFSET + local.length, remote);
    }

    /**
     * @param length the message length the ring gave.
     * @return null when the fields fit that length, otherwise what is wrong.
     */
    public String validateLength(final int length)
    {
        if (length < TEXT_OFFSET)
        {
            return "add-policy message of " + length + " bytes, expected at least " + TEXT_OFFSET;
        }
        if (length < length(localLength(), remoteLength()))
        {
            return "add-policy message of " + length + " bytes is shorter than its selector texts";
        }
        return null;
    }

    /** @return the policy id. */
    public int policyId()
    {
        return i32(POLICY_ID_OFFSET);
    }

    /** @return the priority. */
    public int priority()
    {
        return i32(PRIORITY_OFFSET);
    }

    /** @return the tunnel id. */
    public int tunnelId()
    {
        return i32(TUNNEL_ID_OFFSET);
    }

    /** @return the direction, or null when the code is unknown. */
    public PolicyDirection direction()
    {
        return MessageTypes.policyDirection(u8(DIRECTION_OFFSET));
    }

    /** @return the action, or null when the code is unknown. */
    public PolicyAction action()
    {
        return MessageTypes.policyAction(u8(ACTION_OFFSET));
    }

    /** @return the local selectors' UTF-8 length. */
    public int localLength()
    {
        return u16(LOCAL_LENGTH_OFFSET);
    }

    /** @return the remote selectors' UTF-8 length. */
    public int remoteLength()
    {
        return u16(REMOTE_LENGTH_OFFSET);
    }

    /** @return the local selectors. */
    public String localSelectors()
    {
        return text(TEXT_OFFSET, localLength());
    }

    /** @return the remote selectors. */
    public String remoteSelectors()
    {
        return text(TEXT_OFFSET + localLength(), remoteLength());
    }
}
