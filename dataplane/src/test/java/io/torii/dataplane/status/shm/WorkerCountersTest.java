package io.torii.dataplane.status.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's shared counters: totals per disposition from the start, three counters per SA while
 * it is installed, deltas published from the stages' {@link DispositionCounters}, direct counts
 * and bytes, all seen by a reader of the file.
 */
class WorkerCountersTest
{
    private static final int SPI = 0x0000_1000;
    private static final Disposition[] DISPOSITIONS = Disposition.values();

    @TempDir
    Path runDir;
    private CountersFile file;

    @BeforeEach
    void createFile() throws IOException
    {
        file = CountersFile.create(runDir, 256);
    }

    @AfterEach
    void closeFile()
    {
        file.close();
    }

    @Test
    void totalsExistFromTheStartWithLabelsAndKeys()
    {
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 2, new DispositionCounters(4), 4))
        {
            final List<String> labels = new ArrayList<>();
            final List<Integer> ordinals = new ArrayList<>();
            file.reader().forEach((final int id, final int type, final DirectBuffer key,
                final String label) ->
            {
                if (type == CounterTypes.WORKER_PACKETS)
                {
                    final CounterKey view = new CounterKey().wrap(key, 0);
                    assertThat(view.workerId()).isEqualTo(2);
                    assertThat(view.slot()).isEqualTo(-1);
                    labels.add(label);
                    ordinals.add(view.dispositionOrdinal());
                }
            });

            assertThat(ordinals).hasSize(DISPOSITIONS.length).doesNotHaveDuplicates()
                .allSatisfy(ordinal -> assertThat(ordinal).isBetween(0, DISPOSITIONS.length - 1));
            assertThat(labels).contains("worker 2 ok", "worker 2 icv_failure", "worker 2 no_sa");
            final CountersSnapshot snapshot = CountersSnapshot.read(file);
            assertThat(snapshot.workers()).singleElement().satisfies(totals ->
            {
                assertThat(totals.id()).isEqualTo(2);
                assertThat(totals.counts()).containsOnly(0L);
            });
            assertThat(snapshot.sas()).isEmpty();
            assertThat(worker.workerId()).isEqualTo(2);
        }
    }

    @Test
    void publishAddsWhatTheStagesCountedSinceTheLastPublish()
    {
        final DispositionCounters source = new DispositionCounters(4);
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, source, 4))
        {
            assertThat(worker.saInstalled(1, "sa-out", SPI, IpsecProtocol.ESP, Direction.OUTBOUND)).isTrue();
            increment(source, 1, Disposition.OK, 5);
            increment(source, 1, Disposition.ICV_FAILURE, 2);
            increment(source, 1, Disposition.REPLAY, 1);
            increment(source, -1, Disposition.NO_SA, 3);

            assertThat(worker.publish()).as("changed counters").isEqualTo(4 + 2);
            assertThat(worker.publish()).as("nothing new").isZero();
            increment(source, 1, Disposition.OK, 2);
            worker.count(Disposition.NOT_IPSEC);
            assertThat(worker.publish()).isEqualTo(2);

            final CountersSnapshot snapshot = CountersSnapshot.read(file);
            final CountersSnapshot.Worker totals = snapshot.workers().getFirst();
            assertThat(totals.count(Disposition.OK)).isEqualTo(7);
            assertThat(totals.count(Disposition.ICV_FAILURE)).isEqualTo(2);
            assertThat(totals.count(Disposition.REPLAY)).isEqualTo(1);
            assertThat(totals.count(Disposition.NO_SA)).isEqualTo(3);
            assertThat(totals.count(Disposition.NOT_IPSEC)).as("counted directly").isEqualTo(1);
            assertThat(snapshot.sas()).singleElement().isEqualTo(
                new CountersSnapshot.Sa(0, 1, "sa-out", SPI, IpsecProtocol.ESP, Direction.OUTBOUND, 7, 0, 3));
            assertThat(worker.saPackets(1)).isEqualTo(7);
            assertThat(worker.saDropped(1)).isEqualTo(3);
        }
    }

    @Test
    void directCountsFeedTotalsAndTheSa()
    {
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, new DispositionCounters(2), 2))
        {
            worker.saInstalled(0, "sa-in", SPI, IpsecProtocol.AH, Direction.INBOUND);
            worker.count(0, Disposition.OK, 100);
            worker.count(0, Disposition.OK, 60);
            worker.count(0, Disposition.ICV_FAILURE, 100);
            worker.count(-1, Disposition.NO_SA, 100);
            worker.count(1, Disposition.OK, 100);
            worker.total(Disposition.FRAGMENT).incrementRelease();

            final CountersSnapshot snapshot = CountersSnapshot.read(file);
            final CountersSnapshot.Worker totals = snapshot.workers().getFirst();
            assertThat(totals.count(Disposition.OK)).as("a slot without an SA counts in the totals only")
                .isEqualTo(3);
            assertThat(totals.count(Disposition.ICV_FAILURE)).isEqualTo(1);
            assertThat(totals.count(Disposition.NO_SA)).isEqualTo(1);
            assertThat(totals.count(Disposition.FRAGMENT)).isEqualTo(1);
            assertThat(snapshot.sas()).singleElement().isEqualTo(
                new CountersSnapshot.Sa(0, 0, "sa-in", SPI, IpsecProtocol.AH, Direction.INBOUND, 2, 160, 1));
        }
    }

    @Test
    void okBytesComeFromTheBatchPerSaRun()
    {
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, new DispositionCounters(4), 4))
        {
            worker.saInstalled(0, "a", SPI, IpsecProtocol.ESP, Direction.OUTBOUND);
            worker.saInstalled(2, "b", SPI + 1, IpsecProtocol.ESP, Direction.OUTBOUND);
            final PacketBatch batch = new PacketBatch(8, 2048);
            final int[] lengths = {100, 200, 300, 400, 500, 600, 700};
            final int[] slots = {0, 0, 2, SaTable.NONE, 2, 0, 2};
            for (final int length : lengths)
            {
                batch.add(new byte[length], 0, length);
            }
            batch.disposition(4, Disposition.ICV_FAILURE);

            worker.addOkBytes(batch, slots);
            assertThat(worker.saBytes(0)).isEqualTo(100 + 200 + 600);
            assertThat(worker.saBytes(2)).as("the dropped packet's bytes are not counted").isEqualTo(300 + 700);

            worker.addOkBytes(batch, 2);
            assertThat(worker.saBytes(2)).isEqualTo(300 + 700 + 2800 - 500);
            assertThat(worker.saPackets(0)).as("packets come from publish, not from bytes").isZero();
        }
    }

    @Test
    void removedSaCountersAreFreedAndReusedFromZero()
    {
        final DispositionCounters source = new DispositionCounters(4);
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, source, 4))
        {
            worker.saInstalled(0, "first", SPI, IpsecProtocol.ESP, Direction.OUTBOUND);
            worker.saInstalled(1, "kept", SPI + 1, IpsecProtocol.ESP, Direction.OUTBOUND);
            increment(source, 0, Disposition.OK, 9);
            worker.count(0, Disposition.OK, 1000);
            worker.publishAll();
            final Set<Integer> firstIds = saCounterIds("first");
            assertThat(firstIds).hasSize(WorkerCounters.COUNTERS_PER_SA);

            worker.saRemoved(0);
            assertThat(worker.hasSaCounters(0)).isFalse();
            assertThat(firstIds).allSatisfy(id ->
                assertThat(file.reader().getCounterState(id)).isEqualTo(CountersReader.RECORD_RECLAIMED));
            assertThat(CountersSnapshot.read(file).sas()).extracting(CountersSnapshot.Sa::name).containsExactly("kept");

            // The table resets a slot when it installs an SA there; the new SA starts from zero.
            source.resetSa(3);
            worker.saInstalled(3, "second", SPI + 2, IpsecProtocol.ESP, Direction.INBOUND);
            assertThat(saCounterIds("second")).isEqualTo(firstIds);
            increment(source, 3, Disposition.OK, 1);
            worker.publishAll();
            assertThat(CountersSnapshot.read(file).sas()).extracting(CountersSnapshot.Sa::name,
                CountersSnapshot.Sa::packets, CountersSnapshot.Sa::bytes).containsExactly(
                tuple("kept", 0L, 0L),
                tuple("second", 1L, 0L));
        }
    }

    @Test
    void reinstallingASlotReplacesItsCountersAndPublishesOnlyNewCounts()
    {
        final DispositionCounters source = new DispositionCounters(2);
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, source, 2))
        {
            worker.saInstalled(0, "old", SPI, IpsecProtocol.ESP, Direction.OUTBOUND);
            increment(source, 0, Disposition.OK, 4);
            worker.saInstalled(0, "new", SPI + 1, IpsecProtocol.ESP, Direction.OUTBOUND);
            increment(source, 0, Disposition.OK, 1);
            worker.publishAll();

            assertThat(CountersSnapshot.read(file).sas()).singleElement().satisfies(sa ->
            {
                assertThat(sa.name()).isEqualTo("new");
                assertThat(sa.packets()).isEqualTo(1);
            });
            assertThat(CountersSnapshot.read(file).workers().getFirst().count(Disposition.OK))
                .as("the totals keep every packet").isEqualTo(5);
        }
    }

    @Test
    void publishVisitsABoundedSliceOfSlotsRoundRobin()
    {
        final DispositionCounters source = new DispositionCounters(10);
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, source, 10, 3))
        {
            for (int slot = 0; slot < 10; slot++)
            {
                worker.saInstalled(slot, "sa" + slot, SPI + slot, IpsecProtocol.ESP, Direction.OUTBOUND);
                increment(source, slot, Disposition.OK, slot + 1);
            }

            worker.publish();
            assertThat(publishedSlots(worker)).containsExactly(0, 1, 2);
            worker.publish();
            worker.publish();
            assertThat(publishedSlots(worker)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
            worker.publish();
            assertThat(publishedSlots(worker)).hasSize(10);
            for (int slot = 0; slot < 10; slot++)
            {
                assertThat(worker.saPackets(slot)).isEqualTo(slot + 1);
            }
            assertThat(CountersSnapshot.read(file).workers().getFirst().count(Disposition.OK))
                .as("totals every call").isEqualTo(55);
        }
    }

    @Test
    void fullFileLeavesAnSaWithoutCountersAndSaysSo() throws IOException
    {
        // Room for the totals, one SA and one counter more: this worker has no port counters.
        try (CountersFile small = CountersFile.create(runDir.resolve("small"),
            WorkerCounters.countersNeeded(1) - PortCounters.COUNTERS + 1))
        {
            final DispositionCounters source = new DispositionCounters(4);
            try (WorkerCounters worker = new WorkerCounters(small.manager(), 0, source, 4))
            {
                assertThat(worker.saInstalled(0, "fits", SPI, IpsecProtocol.ESP, Direction.OUTBOUND)).isTrue();
                assertThat(worker.saInstalled(1, "left out", SPI + 1, IpsecProtocol.ESP, Direction.OUTBOUND))
                    .isFalse();
                assertThat(worker.hasSaCounters(1)).isFalse();
                assertThat(small.manager().available()).as("a half-allocated SA gives its counters back")
                    .isEqualTo(1);
                worker.count(1, Disposition.OK, 100);
                increment(source, 1, Disposition.OK, 1);
                worker.publishAll();

                final CountersSnapshot snapshot = CountersSnapshot.read(small);
                assertThat(snapshot.workers().getFirst().sasWithoutCounters()).isEqualTo(1);
                assertThat(snapshot.workers().getFirst().count(Disposition.OK)).isEqualTo(2);
                assertThat(snapshot.sas()).extracting(CountersSnapshot.Sa::name).containsExactly("fits");

                worker.saRemoved(0);
                assertThat(worker.saInstalled(1, "left out", SPI + 1, IpsecProtocol.ESP, Direction.OUTBOUND))
                    .as("room again once an SA is removed").isTrue();
            }
            assertThat(small.manager().available()).as("close frees everything")
                .isEqualTo(small.counterCapacity());
        }
    }

    @Test
    void longNamesAreCutOnACharacterBoundary()
    {
        final String name = "é".repeat(60);
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, new DispositionCounters(1), 1))
        {
            worker.saInstalled(0, name, SPI, IpsecProtocol.ESP, Direction.OUTBOUND);

            final String kept = CountersSnapshot.read(file).sas().getFirst().name();
            assertThat(kept).isEqualTo("é".repeat(CounterKey.MAX_NAME_LENGTH / 2));
        }
        assertThat(CounterKey.utf8Prefix(new byte[] {'a', (byte)0xC3, (byte)0xA9}, 2)).isEqualTo(1);
        assertThat(CounterKey.utf8Prefix(new byte[] {'a', 'b'}, 2)).isEqualTo(2);
    }

    @Test
    void badSlotsAndArgumentsAreRefused()
    {
        try (WorkerCounters worker = new WorkerCounters(file.manager(), 0, new DispositionCounters(2), 2))
        {
            assertThatThrownBy(() -> worker.saInstalled(2, "x", SPI, IpsecProtocol.ESP, Direction.OUTBOUND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SA slot 2: expected 0 to 1");
        }
        assertThatThrownBy(() -> new WorkerCounters(file.manager(), -1, new DispositionCounters(2), 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker -1");
    }

    @Test
    void realEspStagesPublishTheSameCountsTheirTableHolds()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE);
        try (IpsecPair pair = new IpsecPair(sas);
            WorkerCounters sender = new WorkerCounters(file.manager(), 0, pair.senderTable().counters(),
                pair.senderTable().capacity());
            WorkerCounters receiver = new WorkerCounters(file.manager(), 1, pair.receiverTable().counters(),
                pair.receiverTable().capacity()))
        {
            sender.saInstalled(pair.outboundSlot(), sas.outbound(), Direction.OUTBOUND);
            final int inboundSlot = pair.receiverTable().findInbound(50, TestSas.SPI);
            receiver.saInstalled(inboundSlot, pair.receiverTable().config(inboundSlot), Direction.INBOUND);

            final byte[] first = pair.protectOne(Packets.udp("10.1.0.10", "10.2.0.20", 40, 1));
            final byte[] second = pair.protectOne(Packets.udp("10.1.0.10", "10.2.0.20", 41, 2));
            final byte[] forged = second.clone();
            forged[forged.length - 1] ^= 1;
            pair.unprotect(first, forged, first, second);
            sender.publish();
            receiver.publish();

            final CountersSnapshot snapshot = CountersSnapshot.read(file);
            assertThat(snapshot.workers()).extracting(CountersSnapshot.Worker::id).containsExactly(0, 1);
            final DispositionCounters received = pair.receiverTable().counters();
            for (final Disposition disposition : DISPOSITIONS)
            {
                assertThat(snapshot.workers().get(0).count(disposition)).as(disposition.name())
                    .isEqualTo(pair.senderTable().counters().total(disposition));
                assertThat(snapshot.workers().get(1).count(disposition)).as(disposition.name())
                    .isEqualTo(received.total(disposition));
            }
            assertThat(snapshot.workers().get(1).count(Disposition.ICV_FAILURE)).isEqualTo(1);
            assertThat(snapshot.workers().get(1).count(Disposition.REPLAY)).isEqualTo(1);
            assertThat(snapshot.sas()).extracting(CountersSnapshot.Sa::worker, CountersSnapshot.Sa::direction,
                CountersSnapshot.Sa::packets, CountersSnapshot.Sa::dropped).containsExactly(
                tuple(0, Direction.OUTBOUND, 2L, 0L),
                tuple(1, Direction.INBOUND, 2L, 2L));
        }
    }

    private List<Integer> publishedSlots(final WorkerCounters worker)
    {
        final List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < 10; slot++)
        {
            if (worker.saPackets(slot) != 0)
            {
                slots.add(slot);
            }
        }
        return slots;
    }

    private Set<Integer> saCounterIds(final String name)
    {
        final Set<Integer> ids = new HashSet<>();
        file.reader().forEach((final int id, final int type, final DirectBuffer key, final String label) ->
        {
            if (type >= CounterTypes.SA_PACKETS && type <= CounterTypes.SA_DROPPED &&
                new CounterKey().wrap(key, 0).name().equals(name))
            {
                ids.add(id);
            }
        });
        return ids;
    }

    private static void increment(
        final DispositionCounters counters, final int slot, final Disposition disposition, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            counters.increment(slot, disposition);
        }
    }
}
