package io.torii.nativeshim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * UDP sockets on this host's loopback (no root, no namespaces), through the bindings: what the
 * batch calls report per packet, and what opening refuses. The dataplane's namespace tests cover
 * raw sockets, TUN devices and links between hosts.
 */
class PortHandleTest
{
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int EMSGSIZE = 90;

    @Test
    void datagramsArriveWithSenderDestinationTtlAndTos()
    {
        try (Arena arena = Arena.ofConfined();
            PortHandle a = PortHandle.openUdp(null, LOOPBACK, 0, 0, false);
            PortHandle b = PortHandle.openUdp(null, LOOPBACK, 1 << 20, 1 << 20, false);
            PortMessageArray messages = new PortMessageArray())
        {
            final MemorySegment buffers = arena.allocate(4 * 2048L);
            for (int i = 0; i < 3; i++)
            {
                buffers.asSlice(i * 2048L, 100 + i).fill((byte)(i + 1));
                messages.buffer(i, buffers, i * 2048L, 100 + i);
                messages.peerIpv4(i, 0x7F00_0001, b.localPort());
                messages.trafficClass(i, 0x10 + i);
                messages.hopLimit(i, 30 + i);
            }

            assertThat(a.send(messages, 3)).isEqualTo(3);
            assertThat(messages.status(0)).isZero();

            assertThat(b.awaitReadable(5000)).isTrue();
            buffers.fill((byte)0);
            for (int i = 0; i < 4; i++)
            {
                messages.buffer(i, buffers, i * 2048L, 2048);
            }
            assertThat(b.receive(messages, 4)).isEqualTo(3);
            for (int i = 0; i < 3; i++)
            {
                assertThat(messages.length(i)).isEqualTo(100 + i);
                assertThat(buffers.get(ValueLayout.JAVA_BYTE, i * 2048L + 99 + i)).isEqualTo((byte)(i + 1));
                assertThat(messages.family(i)).isEqualTo(PortMessageArray.FAMILY_IPV4);
                assertThat(messages.peerIpv4(i)).isEqualTo(0x7F00_0001);
                assertThat(messages.port(i)).isEqualTo(a.localPort());
                assertThat(messages.hasLocal(i)).isTrue();
                assertThat(messages.localIpv4(i)).isEqualTo(0x7F00_0001);
                assertThat(messages.trafficClass(i)).isEqualTo(0x10 + i);
                assertThat(messages.hopLimit(i)).isEqualTo(30 + i);
                assertThat(messages.isTruncated(i)).isFalse();
            }
            assertThat(b.receive(messages, 4)).as("nothing more waiting").isZero();
            assertThat(b.receiveBufferSize()).isGreaterThanOrEqualTo(1 << 20);
        }
    }

    @Test
    void aPacketTheKernelRefusesIsDroppedAloneAndALongDatagramIsCut()
    {
        try (Arena arena = Arena.ofConfined();
            PortHandle a = PortHandle.openUdp(null, LOOPBACK, 0, 1 << 20, false);
            PortHandle b = PortHandle.openUdp(null, LOOPBACK, 1 << 20, 0, false);
            PortMessageArray messages = new PortMessageArray())
        {
            final MemorySegment big = arena.allocate(PortMessageArray.MAX_LENGTH);
            messages.buffer(0, big, 0, 300);
            messages.peerIpv4(0, 0x7F00_0001, b.localPort());
            messages.buffer(1, big, 0, PortMessageArray.MAX_LENGTH); // more than UDP over IPv4 carries
            messages.peerIpv4(1, 0x7F00_0001, b.localPort());
            messages.buffer(2, big, 0, 10);                            // no destination family
            messages.buffer(3, big, 0, 20);
            messages.peerIpv4(3, 0x7F00_0001, b.localPort());

            assertThat(a.send(messages, 4)).isEqualTo(2);
            assertThat(messages.status(0)).isZero();
            assertThat(messages.status(1)).isEqualTo(-EMSGSIZE);
            assertThat(messages.status(2)).isEqualTo(-PortException.EINVAL);
            assertThat(messages.status(3)).isZero();

            assertThat(b.awaitReadable(5000)).isTrue();
            messages.buffer(0, big, 0, 200);
            messages.buffer(1, big, 1000, 200);
            assertThat(b.receive(messages, 2)).isEqualTo(2);
            assertThat(messages.isTruncated(0)).as("300 bytes into 200").isTrue();
            assertThat(messages.length(0)).isEqualTo(200);
            assertThat(messages.isTruncated(1)).isFalse();
            assertThat(messages.length(1)).isEqualTo(20);
        }
    }

    @Test
    void openingReportsTheErrno()
    {
        try (PortHandle a = PortHandle.openUdp(null, LOOPBACK, 0, 0, false))
        {
            final InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), a.localPort());
            assertThatThrownBy(() -> PortHandle.openUdp(null, taken, 0, 0, false))
                .isInstanceOfSatisfying(PortException.class,
                    ex -> assertThat(ex.errno()).isEqualTo(PortException.EADDRINUSE))
                .hasMessageContaining(PortHandle.errorText(PortException.EADDRINUSE));
        }
        assertThatThrownBy(() -> PortHandle.openUdp("/nonexistent/torii-netns", LOOPBACK, 0, 0, false))
            .isInstanceOfSatisfying(PortException.class,
                ex -> assertThat(ex.errno()).isEqualTo(PortException.ENOENT));
        final InetSocketAddress notOurs = new InetSocketAddress("192.0.2.77", 0);
        assertThatThrownBy(() -> PortHandle.openUdp(null, notOurs, 0, 0, false))
            .isInstanceOfSatisfying(PortException.class,
                ex -> assertThat(ex.errno()).isEqualTo(PortException.EADDRNOTAVAIL));
    }

    @Test
    void refusesArgumentsBeforeCallingC()
    {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PortHandle.openUdp(null, InetSocketAddress.createUnresolved("x", 1), 0, 0, false));
        assertThatIllegalArgumentException().isThrownBy(() -> PortHandle.openUdp(null, LOOPBACK, -1, 0, false));
        assertThatIllegalArgumentException().isThrownBy(() -> PortHandle.openUdp("a/b", LOOPBACK, 0, 0, false));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PortHandle.openRaw(null, InetAddress.getLoopbackAddress(), 255, 0, 0));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PortHandle.openTun(null, "sixteen-chars-xx", false, 0, false));
        assertThatIllegalArgumentException().isThrownBy(() -> PortHandle.openTun(null, "tun 0", false, 0, false));

        final PortHandle handle = PortHandle.openUdp(null, LOOPBACK, 0, 0, false);
        try (PortMessageArray messages = new PortMessageArray())
        {
            assertThatIllegalArgumentException().isThrownBy(() -> handle.receive(messages, 0));
            assertThatIllegalArgumentException().isThrownBy(() -> handle.send(messages, 65));
            assertThat(handle.awaitReadable(0)).isFalse();
            handle.close();
            handle.close();
            assertThatIllegalStateException().isThrownBy(() -> handle.receive(messages, 1));
            assertThatIllegalStateException().isThrownBy(handle::localPort);
        }
    }

    @Test
    void errorTextIsTheCLibrarys()
    {
        assertThat(PortHandle.errorText(PortException.EADDRINUSE)).isEqualTo("Address already in use");
        assertThat(PortHandle.errorText(-PortException.ENOENT)).isEqualTo("No such file or directory");
    }
}
