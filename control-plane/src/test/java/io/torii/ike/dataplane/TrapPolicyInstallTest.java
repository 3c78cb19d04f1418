package io.torii.ike.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.RecordingDataplaneControl;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddPolicy;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddSa;
import io.torii.dataplane.handoff.RecordingDataplaneControl.DeletePolicy;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trap policies in the dataplane ({@code start_action = trap}): an outbound PROTECT policy on a tunnel
 * that never gets an SA, so that matching traffic raises an acquire, tried after the policies of every
 * negotiated pair so that it never shadows the Child SA it brought up.
 */
class TrapPolicyInstallTest
{
    private final RecordingDataplaneControl control = new RecordingDataplaneControl();
    private final DataplaneChildSaInstaller installer = new DataplaneChildSaInstaller(control, new SecureRandom(),
        cidr -> { });

    @Test
    void aTrapIsAnOutboundProtectPolicyOnATunnelWithoutSasBelowThePairsPolicies()
    {
        final int trap = installer.installTrap("10.1.0.0/24", "10.2.0.0/24");
        assertThat(installer.install(TestPairs.pair(0x5000))).isNull();

        final List<AddPolicy> policies = control.calls(AddPolicy.class);
        assertThat(policies).hasSize(3);
        final AddPolicy trapPolicy = policies.getFirst();
        assertThat(trapPolicy.policyId()).isEqualTo(trap).isNotEqualTo(ChildSaInstaller.NO_TRAP);
        assertThat(trapPolicy.direction()).isEqualTo(PolicyDirection.OUTBOUND);
        assertThat(trapPolicy.action()).isEqualTo(PolicyAction.PROTECT);
        assertThat(trapPolicy.localSelectors()).isEqualTo("10.1.0.0/24");
        assertThat(trapPolicy.remoteSelectors()).isEqualTo("10.2.0.0/24");
        final AddPolicy pairOutbound = policies.get(1);
        assertThat(pairOutbound.direction()).isEqualTo(PolicyDirection.OUTBOUND);
        // Lower numbers are tried first: the pair's policy wins over the trap while both are installed.
        assertThat(pairOutbound.priority()).isLessThan(trapPolicy.priority());
        assertThat(trapPolicy.tunnelId()).isNotEqualTo(pairOutbound.tunnelId());
        assertThat(control.calls(AddSa.class)).as("no SA ever goes on the trap's tunnel")
            .noneMatch(sa -> sa.tunnelId() == trapPolicy.tunnelId());
    }

    @Test
    void aRemovedTrapDeletesItsPolicyOnce()
    {
        final int trap = installer.installTrap("10.1.0.0/24", "10.2.0.0/24");

        assertThat(installer.removeTrap(trap)).isNull();
        assertThat(installer.removeTrap(trap)).contains("no trap policy");
        assertThat(installer.removeTrap(trap + 1)).isNotNull();

        assertThat(control.calls(DeletePolicy.class)).singleElement()
            .satisfies(delete -> assertThat(delete.policyId()).isEqualTo(trap));
    }

    @Test
    void aFullControlRingInstallsNoTrap()
    {
        control.full(true);

        assertThat(installer.installTrap("10.1.0.0/24", "10.2.0.0/24")).isEqualTo(ChildSaInstaller.NO_TRAP);
        assertThat(installer.settled()).isTrue();
    }
}
