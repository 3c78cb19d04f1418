package io.torii.dataplane.handoff;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;

/**
 * The message type ids carried in the Agrona record header of each ring message, and the wire codes of the
 * enums the messages carry: IP protocol numbers for the IPsec protocol, ordinals for the rest (every enum is
 * read with a bounds check, so a bad code decodes to null, never throws). Control requests are 1 to 99, events 101 and up. Changing a meaning here means
 * bumping {@link ControlRings#LAYOUT_VERSION}.
 */
public final class MessageTypes
{
    /** {@link AllocateSpiFlyweight}. */
    public static final int ALLOCATE_SPI = 1;
    /** {@link AddSaFlyweight}. */
    public static final int ADD_SA = 2;
    /** {@link UpdateSaFlyweight}. */
    public static final int UPDATE_SA = 3;
    /** {@link SwitchOutboundFlyweight}. */
    public static final int SWITCH_OUTBOUND = 4;
    /** {@link SaReferenceFlyweight}. */
    public static final int DELETE_SA = 5;
    /** {@link AddPolicyFlyweight}. */
    public static final int ADD_POLICY = 6;
    /** {@link IdFlyweight}: the policy id. */
    public static final int DELETE_POLICY = 7;
    /** {@link IdFlyweight}: the {@link FlushScope} code. */
    public static final int FLUSH = 8;
    /** {@link MoveSaFlyweight}. */
    public static final int MOVE_SA = 9;

    /** {@link SpiAllocatedFlyweight}. */
    public static final int SPI_ALLOCATED = 101;
    /** {@link ResultFlyweight} with no reason. */
    public static final int COMPLETED = 102;
    /** {@link ResultFlyweight} with a reason. */
    public static final int FAILED = 103;
    /** {@link LifetimeFlyweight}. */
    public static final int SOFT_LIFETIME = 104;
    /** {@link LifetimeFlyweight}. */
    public static final int HARD_LIFETIME = 105;
    /** {@link SaReferenceFlyweight}. */
    public static final int SEQUENCE_EXHAUSTED = 106;
    /** {@link AcquireFlyweight}. */
    public static final int ACQUIRE = 107;
    /** {@link SaStatisticsFlyweight}. */
    public static final int SA_STATISTICS = 108;

    /** {@link IkeDatagramFlyweight}, on the IKE-in and IKE-out rings. */
    public static final int IKE_DATAGRAM = 201;

    private static final Direction[] DIRECTIONS = Direction.values();
    private static final IpsecMode[] MODES = IpsecMode.values();
    private static final EncryptionAlgorithm[] ENCRYPTIONS = EncryptionAlgorithm.values();
    private static final IntegrityAlgorithm[] INTEGRITIES = IntegrityAlgorithm.values();
    private static final PolicyDirection[] POLICY_DIRECTIONS = PolicyDirection.values();
    private static final PolicyAction[] POLICY_ACTIONS = PolicyAction.values();

    private MessageTypes()
    {
    }

    /**
     * @param ipProtocol an IP protocol number.
     * @return ESP for 50, AH for 51, otherwise null.
     */
    public static IpsecProtocol protocol(final int ipProtocol)
    {
        if (ipProtocol == IpsecProtocol.ESP.ipProtocol())
        {
            return IpsecProtocol.ESP;
        }
        if (ipProtocol == IpsecProtocol.AH.ipProtocol())
        {
            return IpsecProtocol.AH;
        }
        return null;
    }

    /**
     * @param code a direction's ordinal.
     * @return the direction, or null when unknown.
     */
    public static Direction direction(final int code)
    {
        return code < DIRECTIONS.length ? DIRECTIONS[code] : null;
    }

    /**
     * @param code a mode's ordinal.
     * @return the mode, or null when unknown.
     */
    public static IpsecMode mode(final int code)
    {
        return code < MODES.length ? MODES[code] : null;
    }

    /**
     * @param code an encryption algorithm's ordinal.
     * @return the algorithm, or null when unknown.
     */
    public static EncryptionAlgorithm encryption(final int code)
    {
        return code < ENCRYPTIONS.length ? ENCRYPTIONS[code] : null;
    }

    /**
     * @param code an integrity algorithm's ordinal.
     * @return the algorithm, or null when unknown.
     */
    public static IntegrityAlgorithm integrity(final int code)
    {
        return code < INTEGRITIES.length ? INTEGRITIES[code] : null;
    }

    /**
     * @param code a policy direction's ordinal.
     * @return the direction, or null when unknown.
     */
    public static PolicyDirection policyDirection(final int code)
    {
        return code < POLICY_DIRECTIONS.length ? POLICY_DIRECTIONS[code] : null;
    }

    /**
     * @param code a policy action's ordinal.
     * @return the action, or null when unknown.
     */
    public static PolicyAction policyAction(final int code)
    {
        return code < POLICY_ACTIONS.length ? POLICY_ACTIONS[code] : null;
    }
}
