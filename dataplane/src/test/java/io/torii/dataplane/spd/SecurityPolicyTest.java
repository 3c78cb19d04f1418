package io.torii.dataplane.spd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityPolicyTest
{
    @Test
    void keepsAnUnmodifiableCopyOfTheSelectors()
    {
        final List<TrafficSelector> local = new ArrayList<>(TrafficSelector.parseList("10.1.0.0/16"));
        final SecurityPolicy policy = new SecurityPolicy(local, TrafficSelector.parseList("10.2.0.0/16"),
            PolicyDirection.OUTBOUND, PolicyAction.PROTECT, 3, 17);
        local.add(TrafficSelector.parse("10.9.0.0/16"));

        assertThat(policy.local()).containsExactly(TrafficSelector.parse("10.1.0.0/16"));
        assertThatThrownBy(() -> policy.local().add(TrafficSelector.parse("10.9.0.0/16")))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThat(policy.priority()).isEqualTo(3);
        assertThat(policy.tunnelId()).isEqualTo(17);
    }

    @Test
    void rejectsPoliciesThatCannotMatch()
    {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SecurityPolicy(List.of(), TrafficSelector.parseList("10.0.0.0/8"),
                PolicyDirection.OUTBOUND, PolicyAction.PROTECT, 1, 1))
            .withMessageContaining("at least one local and one remote selector");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SecurityPolicy.of("10.0.0.0/8", "10.0.0.0/8", PolicyDirection.OUTBOUND,
                PolicyAction.PROTECT, -1, 1))
            .withMessageContaining("priority must be 0 or more");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SecurityPolicy.of("10.0.0.0/8", "2001:db8::/32", PolicyDirection.OUTBOUND,
                PolicyAction.PROTECT, 1, 1))
            .withMessageContaining("no address family in common");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SecurityPolicy.of("10.0.0.0/8", "10.0.0.0/8[tcp/99999]", PolicyDirection.OUTBOUND,
                PolicyAction.PROTECT, 1, 1))
            .withMessageContaining("10.0.0.0/8[tcp/99999]");
        assertThatNullPointerException()
            .isThrownBy(() -> SecurityPolicy.of("10.0.0.0/8", "10.0.0.0/8", null, PolicyAction.PROTECT, 1, 1));
    }

    @Test
    void resolvesDynamicSidesToTheSaAddresses() throws Exception
    {
        final SecurityPolicy policy = SecurityPolicy.of("dynamic, 10.1.0.0/16", "dynamic[tcp/22]",
            PolicyDirection.INBOUND, PolicyAction.PROTECT, 5, 2);
        final InetAddress me = InetAddress.getByName("2001:db8::1");
        final InetAddress peer = InetAddress.getByName("2001:db8::2");

        final SecurityPolicy resolved = policy.resolve(me, peer);

        assertThat(resolved.local()).containsExactly(TrafficSelector.parse("2001:db8::1"),
            TrafficSelector.parse("10.1.0.0/16"));
        assertThat(resolved.remote()).containsExactly(TrafficSelector.parse("2001:db8::2[tcp/22]"));
        assertThat(resolved.direction()).isEqualTo(PolicyDirection.INBOUND);
        assertThat(resolved.priority()).isEqualTo(5);
        assertThat(resolved.tunnelId()).isEqualTo(2);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SecurityPolicy.of("dynamic", "dynamic", PolicyDirection.OUTBOUND,
                PolicyAction.PROTECT, 1, 1).resolve(InetAddress.getByName("192.0.2.1"), peer))
            .withMessageContaining("no address family in common");
    }
}
