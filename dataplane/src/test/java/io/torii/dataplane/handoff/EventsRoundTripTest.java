package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.net.InetAddress;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;

class EventsRoundTripTest
{
    @Test
    void everyEventRoundTrips() throws Exception
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final EventsProxy proxy = new EventsProxy(ring);
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[64]);
        packet.putBytes(12, InetAddress.getByName("10.1.2.3").getAddress());
        packet.putBytes(16, InetAddress.getByName("10.9.8.7").getAddress());
        packet.putBytes(20, InetAddress.getByName("2001:db8::a").getAddress());
        packet.putBytes(36, InetAddress.getByName("2001:db8::b").getAddress());

        assertThat(proxy.spiAllocated(Long.MIN_VALUE, IpsecProtocol.ESP, 0xC000_0001)).isTrue();
        assertThat(proxy.completed(7)).isTrue();
        assertThat(proxy.failed(8, "no such SA: spi 0x1234 ESP inbound")).isTrue();
        assertThat(proxy.failed(9, "é".repeat(ResultFlyweight.MAX_REASON_LENGTH))).isTrue();
        for (final LifetimeLimit limit : LifetimeLimit.values())
        {
            assertThat(proxy.softLifetime(0x100 + limit.ordinal(), IpsecProtocol.ESP, Direction.OUTBOUND, limit))
                .isTrue();
            assertThat(proxy.hardLifetime(0x200 + limit.ordinal(), IpsecProtocol.AH, Direction.INBOUND, limit))
                .isTrue();
        }
        assertThat(proxy.sequenceExhausted(0xFFFF_FFFF, IpsecProtocol.ESP)).isTrue();
        assertThat(proxy.acquire(5, 6, packet, 12, 16, 4, 51000, 443)).isTrue();
        assertThat(proxy.acquire(6, 58, packet, 20, 36, 16, 0, 0)).isTrue();
        assertThat(proxy.saStatistics(0xABC, IpsecProtocol.ESP, Direction.INBOUND, Long.MAX_VALUE, 1L << 40, 3))
            .isTrue();

        final RecordingEvents events = new RecordingEvents();
        final EventsAdapter adapter = new EventsAdapter(ring, events);
        int read = 0;
        while (adapter.poll(2) > 0)
        {
            read++;
        }
        assertThat(read).isPositive();
        assertThat(adapter.malformed()).isZero();
        assertThat(events.events).hasSize(16);
        assertThat(events.events.subList(0, 3)).containsExactly(
            "spi " + Long.MIN_VALUE + " ESP c0000001", "completed 7", "failed 8 no such SA: spi 0x1234 ESP inbound");
        // Cut to the byte limit: 512 two-byte characters.
        assertThat(events.events.get(3)).isEqualTo("failed 9 " + "é".repeat(ResultFlyweight.MAX_REASON_LENGTH / 2));
        assertThat(events.events.subList(4, 6)).containsExactly("soft 100 ESP OUTBOUND TIME", "hard 200 AH INBOUND TIME");
        assertThat(events.events.subList(10, 12))
            .containsExactly("soft 103 ESP OUTBOUND SEQUENCE", "hard 203 AH INBOUND SEQUENCE");
        assertThat(events.events.subList(12, 16)).containsExactly(
            "exhausted ffffffff ESP",
            "acquire 5 6 10.1.2.3 51000 10.9.8.7 443",
            "acquire 6 58 2001:db8:0:0:0:0:0:a 0 2001:db8:0:0:0:0:0:b 0",
            "stats abc ESP INBOUND " + Long.MAX_VALUE + " " + (1L << 40) + " 3");
    }

    @Test
    void fullEventsRingRefusesAndUnknownEventsAreCountedNotThrown()
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final EventsProxy proxy = new EventsProxy(ring);
        int sent = 0;
        while (proxy.completed(sent))
        {
            sent++;
        }
        assertThat(sent).isGreaterThan(100);
        assertThat(proxy.saStatistics(1, IpsecProtocol.ESP, Direction.INBOUND, 1, 1, 1)).isFalse();

        final RecordingEvents events = new RecordingEvents();
        final EventsAdapter adapter = new EventsAdapter(ring, events);
        while (adapter.poll(1000) > 0)
        {
            assertThat(events.events.size()).isLessThanOrEqualTo(sent);
        }
        assertThat(events.events).hasSize(sent).endsWith("completed " + (sent - 1));

        assertThat(ring.write(42, new UnsafeBuffer(new byte[16]), 0, 16)).isTrue();
        assertThat(ring.write(MessageTypes.ACQUIRE, new UnsafeBuffer(new byte[24]), 0, 24)).isTrue();
        // A read that meets the ring's wrap padding returns 0 for that duty cycle: poll twice.
        assertThat(adapter.poll(10) + adapter.poll(10)).isEqualTo(2);
        assertThat(adapter.malformed()).isEqualTo(2);
    }
}
