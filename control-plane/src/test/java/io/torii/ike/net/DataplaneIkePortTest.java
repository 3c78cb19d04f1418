package io.torii.ike.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

/** The NAT-T port through the dataplane's IKE rings, the dataplane's side played by the rings' own API. */
class DataplaneIkePortTest
{
    private static final int CAPACITY = 64 * 1024;

    private final RingBuffer ikeIn = ring();
    private final RingBuffer ikeOut = ring();

    private static RingBuffer ring()
    {
        return new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    @Test
    void messagesFromTheWorkersArriveWithTheirEndsAndRepliesGoDown() throws Exception
    {
        final InetSocketAddress gateway = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 4500);
        final InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 31_337);
        final DataplaneIkePort port = new DataplaneIkePort(gateway, ikeIn, ikeOut);
        final byte[] request = new byte[50];
        Arrays.fill(request, (byte)3);
        assertThat(new IkeDatagramProxy(ikeIn).send(gateway, peer, request, 0, request.length)).isTrue();

        final List<IkeDatagram> received = new ArrayList<>();
        assertThat(port.poll(received::add, 10)).isEqualTo(1);
        assertThat(received).containsExactly(new IkeDatagram(gateway, peer, request));

        final byte[] answer = new byte[36];
        Arrays.fill(answer, (byte)4);
        assertThat(port.send(new IkeDatagram(gateway, peer, answer))).isTrue();
        final List<String> down = new ArrayList<>();
        new IkeDatagramAdapter(ikeOut).poll((datagram, length) ->
            down.add(datagram.localPort() + ">" + datagram.remotePort() + " " + length), 10);
        assertThat(down).containsExactly("4500>31337 36");

        final InetSocketAddress v6Peer = new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 4500);
        assertThat(port.send(new IkeDatagram(gateway, v6Peer, answer))).isFalse();
        assertThat(port.sendFailures()).isEqualTo(1);
        assertThat(port.sendsFrom(new IkeDatagram(new InetSocketAddress(gateway.getAddress(), 500), peer, answer)))
            .isFalse();
    }

    @Test
    void onAWildcardDataplanePortEveryAddressOfTheFamilySendsOnThatPortSoAMobikeMoveNeedsNoSocket() throws Exception
    {
        final DataplaneIkePort port = new DataplaneIkePort(
            new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 4500), ikeIn, ikeOut);
        final InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 4500);
        final InetSocketAddress moved = new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 4500);
        final byte[] request = new byte[40];

        assertThat(port.sendsFrom(new IkeDatagram(moved, peer, request))).isTrue();
        assertThat(port.sendsFrom(new IkeDatagram(new InetSocketAddress(moved.getAddress(), 500), peer, request)))
            .as("another port").isFalse();
        assertThat(port.sendsFrom(new IkeDatagram(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 4500),
            peer, request))).as("another family").isFalse();
        assertThat(port.send(new IkeDatagram(moved, peer, request))).isTrue();
        final List<String> down = new ArrayList<>();
        new IkeDatagramAdapter(ikeOut).poll((datagram, length) ->
        {
            final byte[] source = new byte[datagram.addressLength()];
            datagram.buffer().getBytes(datagram.localAddressOffset(), source);
            down.add(Arrays.toString(source) + ":" + datagram.localPort());
        }, 10);
        // The worker sends from the address the message names: the new one.
        assertThat(down).containsExactly("[-64, 0, 2, 9]:4500");
    }
}
