package io.torii.dataplane.port.memory;

import static io.torii.dataplane.port.memory.NumberedPackets.batch;
import static io.torii.dataplane.port.memory.NumberedPackets.contents;
import static io.torii.dataplane.port.memory.NumberedPackets.packet;
import static io.torii.dataplane.port.memory.NumberedPackets.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;
import org.junit.jupiter.api.Test;

class MemoryPortTest
{
    private final MemoryPort port = new MemoryPort("mem");

    @Test
    void injectedPacketsAreReceivedInOrder()
    {
        final byte[] first = packet(1);
        port.inject(first);
        port.inject(packet(2));
        final byte[] framed = new byte[300];
        System.arraycopy(packet(3), 0, framed, 14, packet(3).length);
        port.inject(framed, 14, packet(3).length);
        // The port keeps a copy: later changes to the caller's array do not reach it.
        first[5] ^= 1;

        final PacketBatch batch = new PacketBatch(2, 1024);
        assertThat(port.pendingReceive()).isEqualTo(3);
        assertThat(port.receive(batch)).isEqualTo(2);
        assertThat(contents(batch)).containsExactly(packet(1), packet(2));
        batch.clear();
        assertThat(port.receive(batch)).isEqualTo(1);
        assertThat(contents(batch)).containsExactly(packet(3));
        batch.clear();
        assertThat(port.receive(batch)).isZero();
        assertThat(port.name()).isEqualTo("mem");
    }

    @Test
    void transmittedPacketsAreDrainedOnce()
    {
        final PacketBatch sent = batch(1, 3);
        sent.disposition(1, Disposition.REPLAY);

        assertThat(port.transmit(sent)).isEqualTo(2);
        assertThat(sequences(port.drain())).containsExactly(1, 3);
        assertThat(port.drain()).isEmpty();
    }

    @Test
    void boundedTransmitDropsWhatDoesNotFit()
    {
        final MemoryPort bounded = new MemoryPort("bounded", 2);

        assertThat(bounded.transmit(batch(1, 3))).isEqualTo(2);
        assertThat(bounded.transmitDrops()).isEqualTo(1);
        assertThat(sequences(bounded.drain())).containsExactly(1, 2);
        assertThat(bounded.transmit(batch(4, 1))).isEqualTo(1);
        assertThat(bounded.transmitDrops()).isEqualTo(1);
    }

    @Test
    void packetsTooBigForTheBatchAreDroppedOnReceive()
    {
        port.inject(new byte[65]);
        port.inject(packet(1));

        final PacketBatch batch = new PacketBatch(4, 64);
        assertThat(port.receive(batch)).isEqualTo(1);
        assertThat(port.receiveDrops()).isEqualTo(1);
        assertThat(contents(batch)).containsExactly(packet(1));
    }

    @Test
    void closedPortDropsAndReceivesNothing()
    {
        port.inject(packet(1));
        port.close();

        assertThat(port.isClosed()).isTrue();
        assertThat(port.receive(new PacketBatch(4, 1024))).isZero();
        assertThat(port.transmit(batch(1, 2))).isZero();
        assertThat(port.transmitDrops()).isEqualTo(2);
    }
}
