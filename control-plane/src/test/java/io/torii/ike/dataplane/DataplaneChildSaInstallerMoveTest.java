package io.torii.ike.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.RecordingDataplaneControl;
import io.torii.dataplane.handoff.RecordingDataplaneControl.MoveSa;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.proposal.EncryptionAlgorithm;
import io.torii.ike.sa.ChildSa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pair's move reaches the dataplane as one move-SA request per SA, each with its own direction's ends. */
class DataplaneChildSaInstallerMoveTest
{
    private final RecordingDataplaneControl control = new RecordingDataplaneControl();
    private final List<String> routes = new ArrayList<>();
    private final DataplaneChildSaInstaller installer =
        new DataplaneChildSaInstaller(control, new SecureRandom(), routes::add);

    private static InetSocketAddress at(final String address, final int port)
    {
        return new InetSocketAddress(InetAddress.ofLiteral(address), port);
    }

    private static TrafficSelector net(final int second)
    {
        return new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, 0, 0, 65535, new byte[] {10, (byte)second, 0, 0},
            new byte[] {10, (byte)second, 0, (byte)255});
    }

    private static ChildSa pair()
    {
        return new ChildSa("net", false, 0xc000_0001, 0xd000_0001, EncryptionAlgorithm.AES_GCM_16, 256, 0, false,
            new byte[36], new byte[0], new byte[36], new byte[0], at("192.0.2.1", 4500), at("192.0.2.2", 4500), false,
            List.of(net(1)), List.of(net(2)), 64);
    }

    @Test
    void bothSasMoveWithTheirOwnSourceAndDestination()
    {
        final ChildSa child = pair();
        assertThat(installer.install(child)).isNull();
        control.calls().forEach(call -> installer.answered(call.correlationId()));
        control.clear();

        assertThat(installer.move(child, at("192.0.2.1", 4500), at("203.0.113.9", 31_001), true)).isNull();

        final List<MoveSa> moves = control.calls(MoveSa.class);
        assertThat(control.calls()).hasSize(2);
        assertThat(moves.get(0)).isEqualTo(new MoveSa(moves.get(0).correlationId(), 0xd000_0001, IpsecProtocol.ESP,
            Direction.OUTBOUND, InetAddress.ofLiteral("192.0.2.1"), 4500, InetAddress.ofLiteral("203.0.113.9"),
            31_001, true));
        assertThat(moves.get(1)).isEqualTo(new MoveSa(moves.get(1).correlationId(), 0xc000_0001, IpsecProtocol.ESP,
            Direction.INBOUND, InetAddress.ofLiteral("203.0.113.9"), 31_001, InetAddress.ofLiteral("192.0.2.1"), 4500,
            true));
        assertThat(installer.settled()).as("both answers awaited").isFalse();
        installer.answered(moves.get(0).correlationId());
        installer.answered(moves.get(1).correlationId());
        assertThat(installer.settled()).isTrue();
    }

    @Test
    void aPairNotInstalledOrAFullRingIsReportedNotThrown()
    {
        final ChildSa child = pair();
        assertThat(installer.move(child, at("192.0.2.1", 4500), at("192.0.2.3", 4500), false))
            .contains("is not installed");
        assertThat(installer.install(child)).isNull();
        assertThat(installer.move(child, at("192.0.2.1", 4500), at("2001:db8::3", 4500), false))
            .contains("different families");
        control.full(true);
        assertThat(installer.move(child, at("192.0.2.1", 4500), at("192.0.2.3", 4500), false))
            .isEqualTo("the dataplane's control ring is full");
        assertThat(control.calls(MoveSa.class)).isEmpty();
    }
}
