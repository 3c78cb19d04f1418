package io.torii.nativeshim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The descriptor flyweight: what it writes where (the layout C reads), and what it refuses.
 */
class PortMessageArrayTest
{
    @Test
    void writesTheLayoutOfToriiPortMsg()
    {
        try (PortMessageArray messages = new PortMessageArray())
        {
            messages.buffer(3, 0x1122_3344_5566L, 1400);
            messages.peerIpv6(3, 0x2001_0DB8_0000_0000L, 0x0000_0000_0000_0002L, 7, 4500);
            messages.localIpv6(3, 0x2001_0DB8_0000_0000L, 0x0000_0000_0000_0001L);
            messages.hopLimit(3, 61);
            messages.trafficClass(3, 0xB9);

            final MemorySegment raw = messages.segment();
            final long base = 3L * PortMessageArray.MESSAGE_LENGTH;
            assertThat(raw.get(ValueLayout.JAVA_LONG, base)).isEqualTo(0x1122_3344_5566L);
            assertThat(raw.get(ValueLayout.JAVA_INT, base + 8)).isEqualTo(1400);
            assertThat(raw.get(ValueLayout.JAVA_BYTE, base + 16)).as("peer in network order").isEqualTo((byte)0x20);
            assertThat(raw.get(ValueLayout.JAVA_BYTE, base + 31)).isEqualTo((byte)0x02);
            assertThat(raw.get(ValueLayout.JAVA_BYTE, base + 47)).as("local").isEqualTo((byte)0x01);
            assertThat(raw.get(ValueLayout.JAVA_INT, base + 48)).as("scope").isEqualTo(7);
            assertThat(raw.get(ValueLayout.JAVA_SHORT, base + 52)).as("port, host order").isEqualTo((short)4500);
            assertThat(raw.get(ValueLayout.JAVA_SHORT, base + 54)).as("LOCAL | HOPLIMIT | TCLASS")
                .isEqualTo((short)7);
            assertThat(raw.get(ValueLayout.JAVA_BYTE, base + 56)).as("family").isEqualTo((byte)6);
            assertThat(raw.get(ValueLayout.JAVA_BYTE, base + 57)).isEqualTo((byte)61);
            assertThat(raw.get(ValueLayout.JAVA_BYTE, base + 58)).isEqualTo((byte)0xB9);

            assertThat(messages.peerIpv6High(3)).isEqualTo(0x2001_0DB8_0000_0000L);
            assertThat(messages.peerIpv6Low(3)).isEqualTo(2L);
            assertThat(messages.hasLocal(3)).isTrue();
            assertThat(messages.hopLimit(3)).isEqualTo(61);
            assertThat(messages.trafficClass(3)).isEqualTo(0xB9);
            assertThat(messages.port(3)).isEqualTo(4500);
            assertThat(messages.family(3)).isEqualTo(PortMessageArray.FAMILY_IPV6);
        }
    }

    @Test
    void pointingAtANewBufferClearsTheRest()
    {
        try (PortMessageArray messages = new PortMessageArray())
        {
            messages.buffer(0, 64, 10);
            messages.peerIpv4(0, 0xC000_0201, 65535);
            messages.hopLimit(0, 1);
            messages.trafficClass(0, 0);
            assertThat(messages.segment().get(ValueLayout.JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 16))
                .isEqualTo(0xC000_0201);
            assertThat(messages.peerIpv4(0)).isEqualTo(0xC000_0201);
            assertThat(messages.port(0)).isEqualTo(65535);

            messages.buffer(0, 128, 20);

            assertThat(messages.length(0)).isEqualTo(20);
            assertThat(messages.hopLimit(0)).isEqualTo(-1);
            assertThat(messages.trafficClass(0)).isEqualTo(-1);
            assertThat(messages.hasLocal(0)).isFalse();
            assertThat(messages.isTruncated(0)).isFalse();
            assertThat(messages.family(0)).isZero();
            assertThat(messages.port(0)).isZero();
        }
    }

    @Test
    void refusesBuffersItCannotHandToTheKernel()
    {
        try (Arena arena = Arena.ofConfined();
            PortMessageArray messages = new PortMessageArray())
        {
            assertThatIllegalArgumentException().isThrownBy(() -> messages.buffer(0, 0L, 10));
            assertThatIllegalArgumentException().isThrownBy(() -> messages.buffer(0, 64L, -1));
            assertThatIllegalArgumentException().isThrownBy(() -> messages.buffer(0, 64L, 65536));
            final MemorySegment native100 = arena.allocate(100);
            assertThatIllegalArgumentException().isThrownBy(() -> messages.buffer(0, native100, 50, 51));
            assertThatIllegalArgumentException().isThrownBy(() -> messages.buffer(0, native100, -1, 10));
            assertThatIllegalArgumentException()
                .isThrownBy(() -> messages.buffer(0, MemorySegment.ofArray(new byte[100]), 0, 10));
            assertThatIllegalArgumentException().isThrownBy(() -> messages.peerIpv4(0, 1, 65536));
            assertThatThrownBy(() -> messages.buffer(PortMessageArray.MAX_MESSAGES, 64L, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> messages.length(-1)).isInstanceOf(IndexOutOfBoundsException.class);

            messages.buffer(0, native100, 50, 50);
            assertThat(messages.length(0)).isEqualTo(50);
        }
    }

    @Test
    void aClosedArrayRefusesAccess()
    {
        final PortMessageArray messages = new PortMessageArray();
        messages.close();
        messages.close();
        assertThat(messages.isOpen()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> messages.buffer(0, 64L, 1));
    }
}
