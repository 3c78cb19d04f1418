package io.torii.ike.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.RecordingDataplaneControl;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddPolicy;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddSa;
import io.torii.dataplane.handoff.RecordingDataplaneControl.DeletePolicy;
import io.torii.dataplane.handoff.RecordingDataplaneControl.DeleteSa;
import io.torii.dataplane.handoff.RecordingDataplaneControl.SwitchOutbound;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.sa.ChildSa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the installer asks of the dataplane when a rekey replaces a pair (RFC 7296 §2.8): the new pair
 * joins the old pair's tunnel, inbound SA first, its outbound SA held back until the switch; the old pair
 * leaves without taking the tunnel's policies; the last pair takes them; SPIs are released.
 */
class DataplaneChildSaInstallerRekeyTest
{
    private static final int ENCR_AES_GCM_16 = 20;

    private final RecordingDataplaneControl control = new RecordingDataplaneControl();
    private final List<String> routes = new ArrayList<>();
    private final DataplaneChildSaInstaller installer =
        new DataplaneChildSaInstaller(control, new SecureRandom(), routes::add);

    private static ChildSa pair(final int inbound, final int outbound)
    {
        final TrafficSelector local = new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
            new byte[] {10, 1, 0, 0}, new byte[] {10, 1, 0, (byte)255});
        final TrafficSelector remote = new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, 0, 0, 65535,
            new byte[] {10, 2, 0, 0}, new byte[] {10, 2, 0, (byte)255});
        return new ChildSa("net", false, inbound, outbound, ENCR_AES_GCM_16, 256, 0, false, new byte[36],
            new byte[0], new byte[36], new byte[0],
            new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500),
            new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500), false, List.of(local), List.of(remote),
            64);
    }

    private static String describe(final RecordingDataplaneControl.Call call)
    {
        return switch (call)
        {
            case AddPolicy add -> "policy " + add.direction();
            case AddSa add -> "add " + add.direction() + " " + Integer.toHexString(add.config().spi()) + " tunnel " +
                add.tunnelId();
            case SwitchOutbound switched -> "switch " + Integer.toHexString(switched.spi()) + " tunnel " +
                switched.tunnelId();
            case DeleteSa delete -> "delete " + delete.direction() + " " + Integer.toHexString(delete.spi());
            case DeletePolicy ignored -> "delete policy";
            default -> call.toString();
        };
    }

    @Test
    void aReplacementJoinsTheOldTunnelInboundFirstAndSendsOnlyAfterTheSwitch()
    {
        final ChildSa old = pair(0x1001, 0x2001);
        final ChildSa fresh = pair(0x1002, 0x2002);
        final SaLifetimes limits = new SaLifetimes(900, 1000, 0, 0, 0, 0);

        assertThat(installer.install(old)).isNull();
        control.clear();
        assertThat(installer.installReplacement(old, fresh, limits)).isNull();
        assertThat(installer.switchOutbound(fresh)).isNull();
        assertThat(installer.remove(old)).isNull();

        assertThat(control.calls()).extracting(DataplaneChildSaInstallerRekeyTest::describe).containsExactly(
            "add INBOUND 1002 tunnel 1", "add OUTBOUND 2002 tunnel 1", "switch 2002 tunnel 1",
            "delete OUTBOUND 2001", "delete INBOUND 1001");
        assertThat(control.calls(AddSa.class)).extracting(AddSa::lifetimes).containsOnly(limits);
        assertThat(routes).as("the tunnel's route was set up once").containsExactly("10.2.0.0/24");

        control.clear();
        assertThat(installer.remove(fresh)).isNull();
        assertThat(control.calls()).extracting(DataplaneChildSaInstallerRekeyTest::describe).containsExactly(
            "delete policy", "delete policy", "delete OUTBOUND 2002", "delete INBOUND 1002");
    }

    @Test
    void aFirstPairGetsItsOwnTunnelAndPolicies()
    {
        assertThat(installer.install(pair(0x1001, 0x2001), new SaLifetimes(0, 0, 10, 20, 0, 0))).isNull();
        assertThat(installer.install(pair(0x1005, 0x2005))).isNull();

        assertThat(control.calls(AddPolicy.class)).hasSize(4);
        assertThat(control.calls(AddSa.class)).extracting(AddSa::tunnelId).containsExactly(1, 1, 2, 2);
        assertThat(control.calls(AddSa.class)).extracting(AddSa::direction)
            .containsExactly(Direction.OUTBOUND, Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND);
        assertThat(control.calls(AddSa.class).getFirst().lifetimes().hardPackets()).isEqualTo(20);
    }

    @Test
    void switchingToAPairNeverInstalledIsRefused()
    {
        assertThat(installer.switchOutbound(pair(0x1001, 0x2001))).contains("not installed");
        assertThat(control.calls()).isEmpty();
    }

    @Test
    void theSpisOfRemovedPairsAreHandedOutAgainAndThoseInUseNever()
    {
        final SecureRandom fixed = new SecureRandom()
        {
            private static final long serialVersionUID = 1L;
            private int next = 0x5000;

            @Override
            public int nextInt()
            {
                if (next > 0x5008)
                {
                    throw new IllegalStateException("every SPI offered is in use");
                }
                return next++ % 2 == 0 ? 0x5000 : 0x5001;
            }
        };
        final DataplaneChildSaInstaller spis = new DataplaneChildSaInstaller(control, fixed, routes::add);
        final int first = spis.allocateSpi();
        final int second = spis.allocateSpi();
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(0x5000, 0x5001);
        final ChildSa installed = pair(first, 0x2001);
        spis.install(installed);
        spis.remove(installed);
        final ChildSa other = pair(second, 0x2002);
        spis.install(other);

        assertThat(spis.allocateSpi()).as("the removed pair's SPI, not the one in use").isEqualTo(first);
    }
}
