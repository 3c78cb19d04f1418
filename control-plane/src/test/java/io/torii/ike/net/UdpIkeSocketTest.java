package io.torii.ike.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control plane's own IKE sockets on loopback: port 500 framing and the NAT-T port's non-ESP marker. */
class UdpIkeSocketTest
{
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception
    {
        for (final AutoCloseable closeable : open)
        {
            closeable.close();
        }
    }

    private UdpIkeSocket socket(final boolean natT) throws Exception
    {
        final UdpIkeSocket socket = UdpIkeSocket.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), natT);
        open.add(socket);
        return socket;
    }

    private DatagramChannel peer() throws Exception
    {
        final DatagramChannel channel = DatagramChannel.open().bind(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open.add(channel);
        return channel;
    }

    private static byte[] message(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)seed);
        return bytes;
    }

    /** Polls until {@code count} messages came or a deadline passed: loopback delivery is not instant. */
    private static List<IkeDatagram> receive(final IkeTransport transport, final int count)
    {
        final List<IkeDatagram> received = new ArrayList<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.size() < count && System.nanoTime() < deadline)
        {
            if (transport.poll(received::add, count - received.size()) == 0)
            {
                Thread.onSpinWait();
            }
        }
        return received;
    }

    @Test
    void port500MessagesGoBothWaysUnchanged() throws Exception
    {
        final UdpIkeSocket socket = socket(false);
        final DatagramChannel peer = peer();
        final byte[] request = message(64, 1);
        peer.send(ByteBuffer.wrap(request), socket.local());

        final List<IkeDatagram> received = receive(socket, 1);
        assertThat(received).containsExactly(new IkeDatagram(socket.local(),
            (InetSocketAddress)peer.getLocalAddress(), request));

        final byte[] answer = message(80, 2);
        assertThat(socket.send(new IkeDatagram(socket.local(), (InetSocketAddress)peer.getLocalAddress(), answer)))
            .isTrue();
        final ByteBuffer got = ByteBuffer.allocate(200);
        peer.receive(got);
        assertThat(Arrays.copyOf(got.array(), got.position())).isEqualTo(answer);
    }

    @Test
    void theNatTPortAddsAndRemovesTheMarkerAndCountsWhatIsNotIke() throws Exception
    {
        final UdpIkeSocket socket = socket(true);
        final DatagramChannel peer = peer();
        final byte[] request = message(40, 3);
        final ByteBuffer withMarker = ByteBuffer.allocate(44).putInt(0).put(request).flip();
        peer.send(ByteBuffer.wrap(new byte[] {(byte)0xFF}), socket.local());
        peer.send(ByteBuffer.wrap(message(60, 9)), socket.local());
        peer.send(ByteBuffer.allocate(4 + 27), socket.local());
        peer.send(withMarker, socket.local());

        final List<IkeDatagram> received = receive(socket, 1);
        assertThat(received).extracting(IkeDatagram::message).containsExactly(request);
        assertThat(socket.keepalives()).isEqualTo(1);
        assertThat(socket.notIke()).isEqualTo(1);
        assertThat(socket.tooShort()).isEqualTo(1);
        assertThat(socket.received()).isEqualTo(1);

        final byte[] answer = message(30, 4);
        assertThat(socket.send(new IkeDatagram(socket.local(), (InetSocketAddress)peer.getLocalAddress(), answer)))
            .isTrue();
        final ByteBuffer got = ByteBuffer.allocate(200);
        peer.receive(got);
        got.flip();
        assertThat(got.getInt()).isZero();
        final byte[] rest = new byte[got.remaining()];
        got.get(rest);
        assertThat(rest).isEqualTo(answer);
    }

    @Test
    void aNatKeepaliveLeavesTheNatTPortAsOneByteWithoutTheMarker() throws Exception
    {
        final UdpIkeSocket socket = socket(true);
        final DatagramChannel peer = peer();
        assertThat(socket.send(IkeDatagram.keepalive(socket.local(), (InetSocketAddress)peer.getLocalAddress())))
            .isTrue();
        final ByteBuffer got = ByteBuffer.allocate(100);
        peer.receive(got);
        assertThat(got.position()).isEqualTo(1);
        assertThat(got.get(0)).isEqualTo((byte)0xFF);
    }

    @Test
    void aSocketSendsOnlyFromItsOwnEndAndBindsOnlyToASpecificAddress() throws Exception
    {
        final UdpIkeSocket socket = socket(false);
        final IkeDatagram elsewhere = new IkeDatagram(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
            socket.local(), message(28, 5));
        assertThat(socket.sendsFrom(elsewhere)).isFalse();
        assertThatThrownBy(() -> socket.send(elsewhere)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpIkeSocket.open(new InetSocketAddress(0), false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("specific local address");
    }

    @Test
    void transportsRouteBySourceAndPollEveryOne() throws Exception
    {
        final UdpIkeSocket ike = socket(false);
        final UdpIkeSocket natT = socket(true);
        final IkeTransports transports = new IkeTransports(List.of(ike, natT));
        final DatagramChannel peer = peer();
        final InetSocketAddress peerAddress = (InetSocketAddress)peer.getLocalAddress();

        peer.send(ByteBuffer.wrap(message(28, 6)), ike.local());
        peer.send(ByteBuffer.allocate(32).putInt(0).put(message(28, 7)).flip(), natT.local());
        assertThat(receive(transports, 2)).extracting(IkeDatagram::local)
            .containsExactlyInAnyOrder(ike.local(), natT.local());

        assertThat(transports.send(new IkeDatagram(natT.local(), peerAddress, message(28, 8)))).isTrue();
        final ByteBuffer got = ByteBuffer.allocate(100);
        peer.receive(got);
        assertThat(got.position()).as("sent by the NAT-T socket, behind the marker").isEqualTo(32);
        assertThat(transports.send(new IkeDatagram(peerAddress, peerAddress, message(28, 9)))).isFalse();
        assertThat(transports.unroutable()).isEqualTo(1);
    }
}
