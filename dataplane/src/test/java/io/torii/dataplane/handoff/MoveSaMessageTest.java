package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.net.InetAddress;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;

/** The move-SA request through a real ring: what the proxy writes is what the adapter hands the programmer. */
class MoveSaMessageTest
{
    @Test
    void moveRequestsOfBothFamiliesRoundTripInOrder() throws Exception
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        final RecordingDataplaneControl sent = new RecordingDataplaneControl();
        final InetAddress v4a = InetAddress.getByName("192.0.2.1");
        final InetAddress v4b = InetAddress.getByName("198.51.100.77");
        final InetAddress v6a = InetAddress.getByName("2001:db8::1");
        final InetAddress v6b = InetAddress.getByName("2001:db8:ffff::2");
        for (final DataplaneControl control : new DataplaneControl[] {proxy, sent})
        {
            assertThat(control.moveSa(11, 0xC0FF_EE00, IpsecProtocol.ESP, Direction.OUTBOUND, v4a, 4500, v4b, 61234,
                true)).isTrue();
            assertThat(control.moveSa(12, 0x0000_1234, IpsecProtocol.ESP, Direction.INBOUND, v6b, 0, v6a, 0, false))
                .isTrue();
            assertThat(control.moveSa(13, 0xFFFF_FFFF, IpsecProtocol.AH, Direction.OUTBOUND, v4b, 65535, v4a, 1, false))
                .isTrue();
        }

        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        assertThat(new ControlAdapter(ring, programmer).poll(10)).isEqualTo(3);

        assertThat(programmer.invalid).isEmpty();
        assertThat(programmer.decoded.calls()).containsExactlyElementsOf(sent.calls());
        assertThat(sent.calls(RecordingDataplaneControl.MoveSa.class)).hasSize(3);
    }

    @Test
    void anIpv4MessageIsTwentyEightBytesAndAnIpv6OneFiftyTwo()
    {
        // The layout in MoveSaFlyweight's javadoc: 20 fixed bytes, then two addresses.
        assertThat(MoveSaFlyweight.length(4)).isEqualTo(28);
        assertThat(MoveSaFlyweight.length(16)).isEqualTo(52);
        assertThat(MoveSaFlyweight.MAX_LENGTH).isEqualTo(52);
    }

    @Test
    void mixedFamiliesAreRefusedBeforeAnythingIsQueued() throws Exception
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);

        assertThatThrownBy(() -> proxy.moveSa(1, 0x1000, IpsecProtocol.ESP, Direction.OUTBOUND,
            InetAddress.getByName("192.0.2.1"), 4500, InetAddress.getByName("2001:db8::1"), 4500, true))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must both be IPv4 or both IPv6");
        assertThat(ring.size()).isZero();
    }

    @Test
    void truncatedOrUnknownMovesAreReportedNotThrown()
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final byte[] header = new byte[MoveSaFlyweight.ADDRESSES_OFFSET];
        header[7] = 21;
        header[MoveSaFlyweight.PROTOCOL_OFFSET] = 50;
        header[MoveSaFlyweight.ADDRESS_LENGTH_OFFSET] = 4;
        // Claims IPv4 addresses but carries none.
        ring.write(MessageTypes.MOVE_SA, new UnsafeBuffer(header), 0, header.length);
        final byte[] badLength = header.clone();
        badLength[7] = 22;
        badLength[MoveSaFlyweight.ADDRESS_LENGTH_OFFSET] = 5;
        ring.write(MessageTypes.MOVE_SA, new UnsafeBuffer(badLength), 0, badLength.length);
        final byte[] unknownProtocol = new byte[MoveSaFlyweight.length(4)];
        unknownProtocol[7] = 23;
        unknownProtocol[MoveSaFlyweight.PROTOCOL_OFFSET] = 17;
        unknownProtocol[MoveSaFlyweight.ADDRESS_LENGTH_OFFSET] = 4;
        ring.write(MessageTypes.MOVE_SA, new UnsafeBuffer(unknownProtocol), 0, unknownProtocol.length);
        final ForwardingProgrammer programmer = new ForwardingProgrammer();

        assertThat(new ControlAdapter(ring, programmer).poll(10)).isEqualTo(3);

        assertThat(programmer.decoded.calls()).isEmpty();
        assertThat(programmer.invalid).containsExactly(
            "21 9 move-SA message of 20 bytes is shorter than its addresses",
            "22 9 move-SA address length 5, expected 4 or 16",
            "23 9 unknown protocol or direction");
    }
}
