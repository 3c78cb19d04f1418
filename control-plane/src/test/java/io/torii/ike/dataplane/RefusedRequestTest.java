package io.torii.ike.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.RecordingDataplaneControl;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddPolicy;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddSa;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A refusal names the Child SA pair whose policies or SAs the refused request was putting in place, so that
 * the IKE SA can delete a pair the peer holds and the dataplane does not; other requests name none, and every
 * answer, either way, settles the installer.
 */
class RefusedRequestTest
{
    private final RecordingDataplaneControl control = new RecordingDataplaneControl();
    private final DataplaneChildSaInstaller installer = new DataplaneChildSaInstaller(control, new SecureRandom(),
        cidr -> { });

    @Test
    void everyRequestOfAPairNamesItsInboundSpiWhenRefused()
    {
        assertThat(installer.install(TestPairs.pair(0x5000))).isNull();
        assertThat(installer.install(TestPairs.pair(0x6000))).isNull();
        assertThat(installer.settled()).isFalse();

        final List<AddPolicy> policies = control.calls(AddPolicy.class);
        final List<AddSa> sas = control.calls(AddSa.class);
        assertThat(policies).hasSize(4);
        assertThat(sas).hasSize(4);
        for (int i = 0; i < 2; i++)
        {
            assertThat(installer.refused(policies.get(i).correlationId())).isEqualTo(0x5000);
            assertThat(installer.refused(sas.get(i).correlationId())).isEqualTo(0x5000);
            assertThat(installer.refused(policies.get(2 + i).correlationId())).isEqualTo(0x6000);
            assertThat(installer.refused(sas.get(2 + i).correlationId())).isEqualTo(0x6000);
        }

        assertThat(installer.settled()).isTrue();
        assertThat(installer.refused(sas.getFirst().correlationId())).as("each request once")
            .isEqualTo(DataplaneChildSaInstaller.NO_CHILD);
    }

    @Test
    void requestsOfNoPairNameNoneAndCompletedOnesAreForgotten()
    {
        installer.installTrap("10.1.0.0/24", "10.2.0.0/24");
        assertThat(installer.install(TestPairs.pair(0x7000))).isNull();
        final List<AddPolicy> policies = control.calls(AddPolicy.class);
        final List<AddSa> sas = control.calls(AddSa.class);

        assertThat(installer.refused(policies.getFirst().correlationId())).as("the trap's policy")
            .isEqualTo(DataplaneChildSaInstaller.NO_CHILD);
        for (final AddSa sa : sas)
        {
            installer.answered(sa.correlationId());
            assertThat(installer.refused(sa.correlationId())).isEqualTo(DataplaneChildSaInstaller.NO_CHILD);
        }
        policies.stream().skip(1).forEach(policy -> installer.answered(policy.correlationId()));
        assertThat(installer.settled()).isTrue();
    }
}
