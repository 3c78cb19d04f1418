package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;

/** The IKE datagram rings' writer and reader: addressing, lengths, and what they refuse. */
class IkeDatagramRingTest
{
    private final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
    private final IkeDatagramProxy proxy = new IkeDatagramProxy(ring);
    private final IkeDatagramAdapter adapter = new IkeDatagramAdapter(ring);

    private static InetSocketAddress at(final String address, final int port) throws Exception
    {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    @Test
    void aMessageArrivesWithItsAddressesPortsAndBytes() throws Exception
    {
        final byte[] ike = new byte[100];
        for (int i = 0; i < ike.length; i++)
        {
            ike[i] = (byte)(i * 3);
        }
        assertThat(proxy.send(at("2001:db8::1", 4500), at("2001:db8::99", 1234), ike, 10, 50)).isTrue();

        final List<String> seen = new ArrayList<>();
        assertThat(adapter.poll((datagram, length) ->
        {
            final byte[] local = new byte[16];
            final byte[] remote = new byte[16];
            final byte[] bytes = new byte[length];
            datagram.buffer().getBytes(datagram.localAddressOffset(), local);
            datagram.buffer().getBytes(datagram.remoteAddressOffset(), remote);
            datagram.buffer().getBytes(datagram.ikeOffset(), bytes);
            try
            {
                seen.add(InetAddress.getByAddress(local).getHostAddress() + ":" + datagram.localPort() + " " +
                    InetAddress.getByAddress(remote).getHostAddress() + ":" + datagram.remotePort() + " " +
                    length + " " + (bytes[0] == ike[10] && bytes[49] == ike[59]));
            }
            catch (final java.net.UnknownHostException ex)
            {
                throw new AssertionError(ex);
            }
        }, 10)).isEqualTo(1);
        assertThat(seen).containsExactly("2001:db8:0:0:0:0:0:1:4500 2001:db8:0:0:0:0:0:99:1234 50 true");
    }

    @Test
    void tooLongMessagesAndMixedFamiliesAreRefused() throws Exception
    {
        final int longest = proxy.maxIkeLength(4);
        final byte[] ike = new byte[longest + 1];
        assertThat(proxy.send(at("192.0.2.1", 4500), at("198.51.100.1", 4500), ike, 0, longest + 1)).isFalse();
        assertThat(proxy.send(at("192.0.2.1", 4500), at("198.51.100.1", 4500), ike, 0, longest)).isTrue();
        assertThatThrownBy(() -> proxy.send(at("192.0.2.1", 4500), at("2001:db8::1", 4500), ike, 0, 40))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one family");
    }

    @Test
    void aFullRingRefusesWithoutWriting() throws Exception
    {
        final byte[] ike = new byte[1000];
        int sent = 0;
        while (proxy.send(at("192.0.2.1", 4500), at("198.51.100.1", 4500), ike, 0, ike.length))
        {
            sent++;
        }
        assertThat(sent).isBetween(Rings.CAPACITY / 1100, Rings.CAPACITY / 1000);
        assertThat(adapter.poll((datagram, length) -> assertThat(length).isEqualTo(1000), 1000)).isEqualTo(sent);
    }

    @Test
    void messagesOfAnotherTypeOrWithBadLengthsAreCountedAndSkipped() throws Exception
    {
        final UnsafeBuffer junk = new UnsafeBuffer(new byte[64]);
        assertThat(ring.write(MessageTypes.ACQUIRE, junk, 0, 64)).isTrue();
        junk.putByte(IkeDatagramFlyweight.ADDRESS_LENGTH_OFFSET, (byte)5);
        assertThat(ring.write(MessageTypes.IKE_DATAGRAM, junk, 0, 64)).isTrue();
        junk.putByte(IkeDatagramFlyweight.ADDRESS_LENGTH_OFFSET, (byte)16);
        assertThat(ring.write(MessageTypes.IKE_DATAGRAM, junk, 0, 59)).isTrue();
        assertThat(proxy.send(at("192.0.2.1", 500), at("198.51.100.1", 500), new byte[28], 0, 28)).isTrue();

        final List<Integer> lengths = new ArrayList<>();
        assertThat(adapter.poll((datagram, length) -> lengths.add(length), 10)).isEqualTo(4);
        assertThat(lengths).containsExactly(28);
        assertThat(adapter.malformed()).isEqualTo(3);
    }
}
