package io.torii.nativeshim;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The C side's own checks, reached by calling the bindings past the Java ones: bad file
 * descriptors, null arrays, counts out of range and buffers C can tell are wrong come back as
 * negative errnos or per-packet statuses, never as a crash; addresses C cannot check reach the
 * kernel, which answers EFAULT.
 */
class PortNativeChecksTest
{
    private static final int EINVAL = -22;
    private static final int EBADF = -9;
    private static final int EFAULT = -14;

    @Test
    void batchCallsRefuseBadArguments()
    {
        try (PortMessageArray messages = new PortMessageArray())
        {
            final MemorySegment raw = messages.segment();
            assertThat(PortLibrary.recv(-1, raw, 1)).isEqualTo(EINVAL);
            assertThat(PortLibrary.recv(0, MemorySegment.NULL, 1)).isEqualTo(EINVAL);
            assertThat(PortLibrary.send(0, raw, 0)).isEqualTo(EINVAL);
            assertThat(PortLibrary.send(0, raw, PortMessageArray.MAX_MESSAGES + 1)).isEqualTo(EINVAL);
            assertThat(PortLibrary.tunRead(-5, raw, 1)).isEqualTo(EINVAL);
            assertThat(PortLibrary.tunWrite(0, raw, -1)).isEqualTo(EINVAL);
            assertThat(PortLibrary.poll(-1, 0)).isEqualTo(EINVAL);
            assertThat(PortLibrary.close(-1)).isEqualTo(EBADF);
            assertThat(PortLibrary.strerror(1, MemorySegment.NULL, 10)).isEqualTo(EINVAL);
        }
    }

    @Test
    void buffersCCanTellAreWrongAreRefusedAndUnmappedOnesReachTheKernel()
    {
        try (Arena arena = Arena.ofConfined();
            PortHandle socket = PortHandle.openUdp(null,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, 0, false);
            PortMessageArray messages = new PortMessageArray())
        {
            final MemorySegment raw = messages.segment();
            raw.set(ValueLayout.JAVA_LONG, 0, 0L);            // no buffer, but a length
            raw.set(ValueLayout.JAVA_INT, 8, 10);
            assertThat(PortLibrary.recv(descriptor(socket), raw, 1)).isEqualTo(EINVAL);
            raw.set(ValueLayout.JAVA_LONG, 0, 4096L);        // a length past an IP packet
            raw.set(ValueLayout.JAVA_INT, 8, 70_000);
            assertThat(PortLibrary.recv(descriptor(socket), raw, 1)).isEqualTo(EINVAL);

            messages.buffer(0, 8L, 10);                       // unmapped: the kernel's EFAULT
            messages.peerIpv4(0, 0x7F00_0001, socket.localPort());
            assertThat(PortLibrary.send(descriptor(socket), raw, 1)).isZero();
            assertThat(messages.status(0)).isEqualTo(EFAULT);

            final MemorySegment text = arena.allocate(4);
            assertThat(PortLibrary.strerror(PortException.EADDRINUSE, text, 4)).as("cut to fit").isEqualTo(3);
            assertThat(text.getString(0)).isEqualTo("Add");
        }
    }

    private static int descriptor(final PortHandle handle)
    {
        return handle.fd();
    }
}
