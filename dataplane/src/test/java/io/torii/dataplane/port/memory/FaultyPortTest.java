package io.torii.dataplane.port.memory;

import static io.torii.dataplane.port.memory.NumberedPackets.batch;
import static io.torii.dataplane.port.memory.NumberedPackets.contents;
import static io.torii.dataplane.port.memory.NumberedPackets.packet;
import static io.torii.dataplane.port.memory.NumberedPackets.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.torii.dataplane.packet.PacketBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultyPortTest
{
    private static final int MAX_PACKET = 1024;

    private final MemoryPort wire = new MemoryPort("wire");

    private FaultyPort faulty(final long seed, final FaultProfile onTransmit, final FaultProfile onReceive)
    {
        return new FaultyPort(wire, seed, onTransmit, onReceive, 16, MAX_PACKET);
    }

    /** Sends packets 0 to count-1 in batches of 16 and returns what reached the wire. */
    private List<byte[]> send(final FaultyPort port, final int count)
    {
        for (int first = 0; first < count; first += 16)
        {
            port.transmit(batch(first, Math.min(16, count - first)));
        }
        port.flush();
        return wire.drain();
    }

    /** Injects packets 0 to count-1 under the port and receives them through it in small batches. */
    private static List<byte[]> receive(final MemoryPort under, final FaultyPort port, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            under.inject(packet(i));
        }
        final List<byte[]> received = new ArrayList<>();
        final PacketBatch batch = new PacketBatch(5, MAX_PACKET);
        while (true)
        {
            batch.clear();
            if (port.receive(batch) == 0)
            {
                if (port.flush() == 0)
                {
                    return received;
                }
                continue;
            }
            received.addAll(contents(batch));
        }
    }

    private static List<byte[]> originals(final int count)
    {
        final List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            packets.add(packet(i));
        }
        return packets;
    }

    @Test
    void withoutFaultsPacketsPassUnchanged()
    {
        final FaultyPort port = faulty(1, FaultProfile.NONE, FaultProfile.NONE);

        assertThat(send(port, 40)).containsExactlyElementsOf(originals(40));
        final MemoryPort under = new MemoryPort("under");
        final FaultyPort receiving = new FaultyPort(under, 1, FaultProfile.NONE, FaultProfile.NONE, 4, MAX_PACKET);
        assertThat(receive(under, receiving, 40)).containsExactlyElementsOf(originals(40));
        assertThat(receiving.receiveFaults().packets()).isEqualTo(40);
        assertThat(port.transmitFaults().packets()).isEqualTo(40);
        assertThat(port.transmitFaults().dropped()).isZero();
        assertThat(port.name()).isEqualTo("faulty:wire");
    }

    @Test
    void dropEverything()
    {
        final FaultyPort port = faulty(1, new FaultProfile(1, 1, 1, 1), FaultProfile.NONE);

        assertThat(send(port, 30)).isEmpty();
        assertThat(port.transmitFaults().dropped()).isEqualTo(30);
        assertThat(port.transmitFaults().duplicated()).isZero();
        assertThat(port.transmitDrops()).as("fault drops are not device drops").isZero();
    }

    @Test
    void duplicateEverything()
    {
        final FaultyPort port = faulty(1, new FaultProfile(0, 1, 0, 0), FaultProfile.NONE);

        final List<byte[]> sent = send(port, 20);

        final List<byte[]> expected = new ArrayList<>();
        for (final byte[] packet : originals(20))
        {
            expected.add(packet);
            expected.add(packet);
        }
        assertThat(sent).containsExactlyElementsOf(expected);
        assertThat(port.transmitFaults().duplicated()).isEqualTo(20);
    }

    @Test
    void reorderEverythingSwapsNeighbours()
    {
        final FaultyPort port = faulty(1, new FaultProfile(0, 0, 1, 0), FaultProfile.NONE);

        // Packet 0 is held, 1 passes and releases 0; 2 is held, and so on. Batches of 16 end on a
        // held packet that the next batch releases; flush() releases the last one.
        assertThat(sequences(send(port, 7))).containsExactly(1, 0, 3, 2, 5, 4, 6);
        assertThat(port.transmitFaults().reordered()).isEqualTo(4);
    }

    @Test
    void heldPacketWaitsForTheNextTransmitCall()
    {
        final FaultyPort port = faulty(1, new FaultProfile(0, 0, 1, 0), FaultProfile.NONE);

        assertThat(port.transmit(batch(0, 1))).isZero();
        assertThat(wire.drain()).isEmpty();
        assertThat(port.transmit(batch(1, 1))).isEqualTo(2);
        assertThat(sequences(wire.drain())).containsExactly(1, 0);
        assertThat(port.flush()).isZero();
    }

    @Test
    void corruptEverythingFlipsOneBitEachAndLeavesTheCallerBatchAlone()
    {
        final FaultyPort port = faulty(7, new FaultProfile(0, 0, 0, 1), FaultProfile.NONE);
        final PacketBatch batch = batch(0, 16);

        port.transmit(batch);
        final List<byte[]> sent = wire.drain();

        assertThat(contents(batch)).containsExactlyElementsOf(originals(16));
        assertThat(sent).hasSize(16);
        for (int i = 0; i < 16; i++)
        {
            assertThat(differingBits(sent.get(i), packet(i))).as("packet %d", i).isEqualTo(1);
        }
        assertThat(port.transmitFaults().corrupted()).isEqualTo(16);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "42", "20260101"})
    void statisticsMatchTheProbabilities(final long seed)
    {
        final int count = 20_000;
        final FaultyPort port = faulty(seed, new FaultProfile(0.1, 0.05, 0.08, 0.02), FaultProfile.NONE);

        final List<byte[]> sent = send(port, count);
        final FaultStats stats = port.transmitFaults();

        assertThat(stats.packets()).isEqualTo(count);
        assertWithinFiveSigma(stats.dropped(), count, 0.1, "dropped");
        final long survivors = count - stats.dropped();
        assertWithinFiveSigma(stats.duplicated(), survivors, 0.05, "duplicated");
        assertWithinFiveSigma(stats.corrupted(), survivors, 0.02, "corrupted");
        // A packet can be held only when none is: held at a fraction h of arrivals, h = (1 - h) * 0.08,
        // so h = 0.08 / 1.08 of the survivors are held back.
        assertWithinFiveSigma(stats.reordered(), survivors, 0.08 / 1.08, "reordered");
        assertThat(sent).as("delivered").hasSize((int)(survivors + stats.duplicated()));
    }

    @Test
    void sameSeedSameFaultsOtherSeedOtherFaults()
    {
        final FaultProfile profile = new FaultProfile(0.2, 0.2, 0.2, 0.2);

        final List<byte[]> first = send(faulty(99, profile, FaultProfile.NONE), 500);
        final List<byte[]> again = send(faulty(99, profile, FaultProfile.NONE), 500);
        final List<byte[]> other = send(faulty(100, profile, FaultProfile.NONE), 500);

        assertThat(again).containsExactlyElementsOf(first);
        assertThat(sequences(other)).isNotEqualTo(sequences(first));
    }

    @Test
    void receiveFaultsApplyToReceivedPacketsOnly()
    {
        final MemoryPort under = new MemoryPort("under");
        final FaultyPort port = new FaultyPort(under, 5, FaultProfile.NONE, new FaultProfile(0, 1, 1, 0), 4,
            MAX_PACKET);

        // Each packet's duplicate comes out at once. Every other packet is then held back until the
        // next one has passed (one is held at a time), and flush() lets the last one go.
        final List<byte[]> received = receive(under, port, 9);

        assertThat(received).hasSize(18);
        assertThat(sequences(received)).containsExactly(0, 1, 1, 0, 2, 3, 3, 2, 4, 5, 5, 4, 6, 7, 7, 6, 8, 8);
        assertThat(port.receiveFaults().duplicated()).isEqualTo(9);
        assertThat(port.receiveFaults().reordered()).isEqualTo(5);
        assertThat(port.transmitFaults().packets()).isZero();

        port.transmit(batch(0, 3));
        assertThat(sequences(under.drain())).containsExactly(0, 1, 2);
    }

    @Test
    void receiveIsDeterministicForASeedWhateverTheBatchSize()
    {
        final FaultProfile profile = new FaultProfile(0.1, 0.3, 0.3, 0.1);
        final MemoryPort underA = new MemoryPort("a");
        final MemoryPort underB = new MemoryPort("b");

        final List<byte[]> a = receive(underA, new FaultyPort(underA, 3, FaultProfile.NONE, profile, 4, MAX_PACKET),
            300);
        final List<byte[]> b = receive(underB, new FaultyPort(underB, 3, FaultProfile.NONE, profile, 16, MAX_PACKET),
            300);

        assertThat(b).containsExactlyElementsOf(a);
    }

    @Test
    void deviceDropsOfTheInnerPortShowThrough()
    {
        final MemoryPort full = new MemoryPort("full", 3);
        final FaultyPort port = new FaultyPort(full, 1, new FaultProfile(0, 1, 0, 0), FaultProfile.NONE, 4,
            MAX_PACKET);

        assertThat(port.transmit(batch(0, 2))).isEqualTo(3);
        assertThat(port.transmitDrops()).isEqualTo(1);
        assertThat(port.transmitFaults().dropped()).isZero();
    }

    @Test
    void packetsLongerThanThePortTakesAreCounted()
    {
        final FaultyPort port = new FaultyPort(wire, 1, FaultProfile.NONE, FaultProfile.NONE, 4, 64);
        final PacketBatch batch = new PacketBatch(2, 1024);
        batch.add(new byte[65], 0, 65);
        batch.add(new byte[64], 0, 64);

        assertThat(port.transmit(batch)).isEqualTo(1);
        assertThat(port.transmitFaults().tooBig()).isEqualTo(1);
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultProfile(1.5, 0, 0, 0))
            .withMessageContaining("drop probability must be between 0 and 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultProfile(0, -0.1, 0, 0))
            .withMessageContaining("duplicate");
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultProfile(0, 0, Double.NaN, 0))
            .withMessageContaining("reorder");
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultProfile(0, 0, 0, 2))
            .withMessageContaining("corrupt");
    }

    private static void assertWithinFiveSigma(final long actual, final long trials, final double p, final String what)
    {
        final double mean = trials * p;
        final double sigma = Math.sqrt(trials * p * (1 - p));
        assertThat((double)actual).as("%s of %d at p=%s", what, trials, p)
            .isBetween(mean - 5 * sigma, mean + 5 * sigma);
    }

    private static int differingBits(final byte[] a, final byte[] b)
    {
        assertThat(a).hasSameSizeAs(b);
        int bits = 0;
        for (int i = 0; i < a.length; i++)
        {
            bits += Integer.bitCount((a[i] ^ b[i]) & 0xFF);
        }
        return bits;
    }
}
