package io.torii.dataplane.status.shm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading side's port rows: a transmit and a receive counter make one row per worker and side,
 * in worker then LAN-before-WAN order whatever order the file holds them in, from a reader that
 * opened the file on its own.
 */
class CountersSnapshotTest
{
    @TempDir
    Path runDir;
    private CountersFile file;

    @BeforeEach
    void createFile() throws IOException
    {
        file = CountersFile.create(runDir, 32);
    }

    @AfterEach
    void closeFile()
    {
        file.close();
    }

    @Test
    void portCountersBecomeOneRowPerWorkerAndSideInOrder() throws IOException
    {
        counter(CounterTypes.PORT_RECEIVE_DROPPED, 1, PortSide.WAN, "dpdk", 9);
        counter(CounterTypes.PORT_TRANSMIT_DROPPED, 0, PortSide.WAN, "udp", 4);
        counter(CounterTypes.PORT_TRANSMIT_DROPPED, 1, PortSide.WAN, "dpdk", 8);
        counter(CounterTypes.PORT_RECEIVE_DROPPED, 0, PortSide.LAN, "tun", 2);
        counter(CounterTypes.PORT_TRANSMIT_DROPPED, 0, PortSide.LAN, "tun", 1);
        counter(CounterTypes.PORT_RECEIVE_DROPPED, 0, PortSide.WAN, "udp", 3);

        try (CountersFile reader = CountersFile.openReadOnly(runDir))
        {
            assertThat(CountersSnapshot.read(reader).ports()).containsExactly(
                new CountersSnapshot.Port(0, PortSide.LAN, "tun", 1, 2),
                new CountersSnapshot.Port(0, PortSide.WAN, "udp", 4, 3),
                new CountersSnapshot.Port(1, PortSide.WAN, "dpdk", 8, 9));
        }
    }

    @Test
    void aPortCounterWithoutAKnownSideIsLeftOut()
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[CounterKey.LENGTH]);
        new CounterKey().wrap(key, 0).putPort(0, PortSide.LAN, "tun");
        key.putInt(CounterKey.SIDE_OFFSET, 7);
        file.manager().newCounter(CounterTypes.PORT_TRANSMIT_DROPPED, key, 0, CounterKey.LENGTH, key, 0, 0)
            .setRelease(5);

        final CountersSnapshot snapshot = CountersSnapshot.read(file);

        assertThat(snapshot.ports()).isEmpty();
        assertThat(snapshot.workers()).as("nor is it taken for a worker").isEmpty();
    }

    @Test
    void aSnapshotMadeWithoutPortsHasNone()
    {
        assertThat(new CountersSnapshot(1, 2, List.of(), List.of()).ports()).isEmpty();
    }

    private void counter(final int type, final int worker, final PortSide side, final String kind, final long value)
    {
        final CountersManager manager = file.manager();
        final UnsafeBuffer key = new UnsafeBuffer(new byte[CounterKey.LENGTH]);
        final int keyLength = new CounterKey().wrap(key, 0).putPort(worker, side, kind);
        final AtomicCounter counter = manager.newCounter(type, key, 0, keyLength, key, 0, 0);
        counter.setRelease(value);
    }
}
