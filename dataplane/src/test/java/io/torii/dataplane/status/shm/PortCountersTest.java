package io.torii.dataplane.status.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.status.DispositionCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's port drops in the shared file: four counters keyed by worker, side and kind, fed from
 * the ports' own counts by deltas, only ever going up, and read back by another reader of the file.
 */
class PortCountersTest
{
    @TempDir
    Path runDir;
    private CountersFile file;
    private final DropCountsPort lan = new DropCountsPort("tun:torii0");
    private final DropCountsPort wan = new DropCountsPort("afxdp:eth1/0");

    @BeforeEach
    void createFile() throws IOException
    {
        file = CountersFile.create(runDir, 64);
    }

    @AfterEach
    void closeFile()
    {
        file.close();
    }

    @Test
    void fourCountersKeyedByWorkerSideAndKindWithReadableLabels()
    {
        try (PortCounters ports = new PortCounters(file.manager(), 3, lan, "tun", wan, "afxdp"))
        {
            final List<String> rows = new ArrayList<>();
            file.reader().forEach((final int id, final int type, final DirectBuffer key, final String label) ->
            {
                final CounterKey view = new CounterKey().wrap(key, 0);
                rows.add(type + " " + view.workerId() + " " + view.side() + " " + view.name() + " " +
                    view.slot() + " " + view.dispositionOrdinal() + " | " + label);
            });

            assertThat(rows).containsExactlyInAnyOrder(
                CounterTypes.PORT_TRANSMIT_DROPPED + " 3 LAN tun -1 -1 | worker 3 lan tun:torii0 transmit dropped",
                CounterTypes.PORT_RECEIVE_DROPPED + " 3 LAN tun -1 -1 | worker 3 lan tun:torii0 receive dropped",
                CounterTypes.PORT_TRANSMIT_DROPPED + " 3 WAN afxdp -1 -1 | worker 3 wan afxdp:eth1/0 transmit dropped",
                CounterTypes.PORT_RECEIVE_DROPPED + " 3 WAN afxdp -1 -1 | worker 3 wan afxdp:eth1/0 receive dropped");
            assertThat(file.manager().available()).isEqualTo(64 - PortCounters.COUNTERS);
            assertThat(ports.transmitDrops(PortSide.WAN)).as("from zero").isZero();
        }
        assertThat(file.manager().available()).as("close frees them").isEqualTo(64);
    }

    @Test
    void publishAddsWhatEachCountGainedAndAnotherReaderSeesIt() throws IOException
    {
        try (PortCounters ports = new PortCounters(file.manager(), 0, lan, "tun", wan, "udp");
            CountersFile reader = CountersFile.openReadOnly(runDir))
        {
            wan.drops(5, 0);
            lan.drops(0, 2);
            assertThat(ports.publish()).as("changed counters").isEqualTo(2);
            assertThat(ports.publish()).as("nothing new").isZero();
            wan.drops(12, 1);

            assertThat(ports.publish()).isEqualTo(2);

            final CountersSnapshot snapshot = CountersSnapshot.read(reader);
            assertThat(snapshot.ports()).containsExactly(
                new CountersSnapshot.Port(0, PortSide.LAN, "tun", 0, 2),
                new CountersSnapshot.Port(0, PortSide.WAN, "udp", 12, 1));
            assertThat(ports.transmitDrops(PortSide.WAN)).isEqualTo(12);
            assertThat(ports.receiveDrops(PortSide.LAN)).isEqualTo(2);
        }
    }

    @Test
    void dropsBeforeTheCountersExistedAreNotPublished()
    {
        wan.drops(100, 7);
        try (PortCounters ports = new PortCounters(file.manager(), 0, lan, "tun", wan, "udp"))
        {
            assertThat(ports.publish()).isZero();
            wan.drops(103, 7);
            ports.publish();

            assertThat(ports.transmitDrops(PortSide.WAN)).isEqualTo(3);
            assertThat(ports.receiveDrops(PortSide.WAN)).isZero();
        }
    }

    @Test
    void countsOnlyGoUpWhenAPortCountsFromZeroAgain()
    {
        try (PortCounters ports = new PortCounters(file.manager(), 0, lan, "tun", wan, "udp"))
        {
            wan.drops(10, 4);
            ports.publish();
            wan.drops(3, 4);
            ports.publish();
            wan.drops(5, 6);
            ports.publish();

            assertThat(ports.transmitDrops(PortSide.WAN)).as("10, then 3 from zero, then 2 more").isEqualTo(15);
            assertThat(ports.receiveDrops(PortSide.WAN)).isEqualTo(6);
        }
    }

    @Test
    void aFullFileRefusesThemAndKeepsNoneOfThem() throws IOException
    {
        try (CountersFile small = CountersFile.create(runDir.resolve("small"), PortCounters.COUNTERS - 1))
        {
            assertThatThrownBy(() -> new PortCounters(small.manager(), 0, lan, "tun", wan, "udp"))
                .isInstanceOf(IllegalStateException.class);
            assertThat(small.manager().available()).isEqualTo(PortCounters.COUNTERS - 1);
        }
    }

    @Test
    void aWorkersCountersPublishAndFreeItsPorts()
    {
        final WorkerCounters worker = new WorkerCounters(file.manager(), 1, new DispositionCounters(2), 2);
        final PortCounters ports = worker.ports(lan, "tun", wan, "udp");
        assertThatThrownBy(() -> worker.ports(lan, "tun", wan, "udp")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("worker 1 has port counters already");

        wan.drops(4, 0);
        assertThat(worker.publish()).isEqualTo(1);
        lan.drops(1, 0);
        worker.publishAll();
        assertThat(CountersSnapshot.read(file).ports()).containsExactly(
            new CountersSnapshot.Port(1, PortSide.LAN, "tun", 1, 0),
            new CountersSnapshot.Port(1, PortSide.WAN, "udp", 4, 0));
        assertThat(ports.transmitDrops(PortSide.WAN)).isEqualTo(4);

        worker.close();
        assertThat(file.manager().available()).as("the worker's close frees its ports' counters too")
            .isEqualTo(file.counterCapacity());
    }
}
