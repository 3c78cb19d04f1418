package io.torii.dataplane.spd;

/**
 * The answer of one lookup as primitives: the matching policy's id, action and tunnel, so that the
 * worker acts on it without looking the policy up again by id. Reused, never allocated per packet.
 */
final class PolicyMatch
{
    int id = PolicyTable.NONE;
    PolicyAction action;
    int tunnelId = PolicyTable.NONE;

    void set(final int policyId, final PolicyAction policyAction, final int tunnel)
    {
        id = policyId;
        action = policyAction;
        tunnelId = tunnel;
    }

    void set(final CompiledPolicy policy)
    {
        if (policy == null)
        {
            none();
        }
        else
        {
            set(policy.id, policy.action, policy.tunnelId);
        }
    }

    void set(final PolicyMatch other)
    {
        set(other.id, other.action, other.tunnelId);
    }

    void none()
    {
        set(PolicyTable.NONE, null, PolicyTable.NONE);
    }
}
