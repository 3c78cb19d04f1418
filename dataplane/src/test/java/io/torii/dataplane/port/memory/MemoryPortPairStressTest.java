package io.torii.dataplane.port.memory;

import static io.torii.dataplane.port.memory.NumberedPackets.packet;
import static io.torii.dataplane.port.memory.NumberedPackets.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two ends of a pair on two threads: a producer sends numbered packets, a consumer receives
 * them and checks each is the next one, byte for byte. The queue is small so that both threads
 * often find it full or empty. Waiting threads yield rather than spin, so that the test also runs
 * well on a machine with fewer cores than threads.
 */
class MemoryPortPairStressTest
{
    private static final int PACKETS = 100_000;
    private static final int CAPACITY = 32;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void producerThatWaitsForRoomLosesNothing() throws Exception
    {
        final MemoryPortPair pair = new MemoryPortPair("producer", "consumer", CAPACITY, 1024);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread producer = new Thread(() ->
        {
            try
            {
                produceWaitingForRoom(pair.a());
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "memory-port-producer");
        producer.start();

        final int received = consume(pair.b(), failure);
        producer.join();

        assertThat(failure.get()).isNull();
        assertThat(received).isEqualTo(PACKETS);
        assertThat(pair.a().transmitDrops()).as("drops with backpressure").isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void producerThatRetriesDroppedPacketsKeepsOrder() throws Exception
    {
        final MemoryPortPair pair = new MemoryPortPair("producer", "consumer", CAPACITY, 1024);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread producer = new Thread(() ->
        {
            try
            {
                produceRetrying(pair.a());
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "memory-port-producer");
        producer.start();

        final int received = consume(pair.b(), failure);
        producer.join();

        assertThat(failure.get()).isNull();
        assertThat(received).isEqualTo(PACKETS);
    }

    /** Sends bursts of 1 to 16 packets, each only once the queue has room for all of it. */
    private static void produceWaitingForRoom(final PairedMemoryPort port)
    {
        final PacketBatch batch = new PacketBatch(16, 1024);
        int next = 0;
        while (next < PACKETS)
        {
            batch.clear();
            final int burst = Math.min(1 + next % 16, PACKETS - next);
            for (int i = 0; i < burst; i++)
            {
                final byte[] packet = packet(next + i);
                batch.add(packet, 0, packet.length);
            }
            while (port.transmitRoom() < burst)
            {
                Thread.yield();
            }
            final int sent = port.transmit(batch);
            if (sent != burst)
            {
                throw new AssertionError("sent " + sent + " of " + burst + " with room for them");
            }
            next += burst;
        }
    }

    /** Sends one packet at a time and sends it again while the port drops it. */
    private static void produceRetrying(final PairedMemoryPort port)
    {
        final PacketBatch batch = new PacketBatch(1, 1024);
        for (int next = 0; next < PACKETS; next++)
        {
            batch.clear();
            final byte[] packet = packet(next);
            batch.add(packet, 0, packet.length);
            while (port.transmit(batch) == 0)
            {
                Thread.yield();
            }
        }
    }

    /** @return how many packets arrived, each checked to be the next; stops early if the producer failed. */
    private static int consume(final PairedMemoryPort port, final AtomicReference<Throwable> producerFailure)
    {
        final PacketBatch batch = new PacketBatch(24, 1024);
        int expected = 0;
        while (expected < PACKETS && producerFailure.get() == null)
        {
            batch.clear();
            if (port.receive(batch) == 0)
            {
                Thread.yield();
                continue;
            }
            for (int i = 0; i < batch.size(); i++)
            {
                final byte[] packet = batch.copyOut(i);
                // Plain checks: an assertion object per packet would dominate the run time.
                if (!Arrays.equals(packet, packet(expected)))
                {
                    throw new AssertionError("expected packet " + expected + ", got sequence " + sequence(packet) +
                        " of " + packet.length + " bytes");
                }
                expected++;
            }
        }
        batch.clear();
        assertThat(port.receive(batch)).as("nothing after the last packet").isZero();
        return expected;
    }
}
