package io.torii.dataplane.port.memory;

import static io.torii.dataplane.port.memory.NumberedPackets.batch;
import static io.torii.dataplane.port.memory.NumberedPackets.contents;
import static io.torii.dataplane.port.memory.NumberedPackets.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;
import org.junit.jupiter.api.Test;

class MemoryPortPairTest
{
    private final MemoryPortPair pair = new MemoryPortPair("left", "right", 8, 1024);
    private final PacketBatch received = new PacketBatch(16, 1024);

    @Test
    void deliversEachWayInOrderExactlyOnce()
    {
        final PacketBatch fromA = batch(1, 5);
        final PacketBatch fromB = batch(100, 3);

        assertThat(pair.a().transmit(fromA)).isEqualTo(5);
        assertThat(pair.b().transmit(fromB)).isEqualTo(3);
        assertThat(pair.b().pendingReceive()).isEqualTo(5);

        assertThat(pair.b().receive(received)).isEqualTo(5);
        assertThat(contents(received)).containsExactlyElementsOf(contents(fromA));
        received.clear();
        assertThat(pair.b().receive(received)).isZero();
        assertThat(pair.a().receive(received)).isEqualTo(3);
        assertThat(contents(received)).containsExactlyElementsOf(contents(fromB));
        received.clear();
        assertThat(pair.a().receive(received)).isZero();
        assertThat(pair.a().name()).isEqualTo("left");
        assertThat(pair.b().name()).isEqualTo("right");
    }

    @Test
    void receivedPacketsAreSetOkAfterThoseInTheBatch()
    {
        final byte[] first = packet(9);
        received.add(first, 0, first.length);
        pair.a().transmit(batch(1, 2));

        assertThat(pair.b().receive(received)).isEqualTo(2);
        assertThat(received.size()).isEqualTo(3);
        assertThat(received.copyOut(0)).isEqualTo(first);
        assertThat(received.copyOut(1)).isEqualTo(packet(1));
        assertThat(received.disposition(2)).isEqualTo(Disposition.OK);
    }

    @Test
    void copiesPacketsRatherThanSharingSlots()
    {
        final PacketBatch sent = batch(1, 1);
        pair.a().transmit(sent);
        sent.buffer(0).setMemory(sent.offset(0), sent.length(0), (byte)0x55);

        pair.b().receive(received);
        assertThat(received.copyOut(0)).isEqualTo(packet(1));
    }

    @Test
    void overflowIsDroppedAndCounted()
    {
        assertThat(pair.a().transmitRoom()).isEqualTo(8);
        assertThat(pair.a().transmit(batch(1, 6))).isEqualTo(6);
        assertThat(pair.a().transmitRoom()).isEqualTo(2);
        assertThat(pair.a().transmit(batch(7, 5))).isEqualTo(2);
        assertThat(pair.a().transmitDrops()).isEqualTo(3);
        assertThat(pair.a().transmitRoom()).isZero();

        assertThat(pair.b().receive(received)).isEqualTo(8);
        assertThat(contents(received)).containsExactlyElementsOf(contents(batch(1, 8)));
        // Receiving frees the slots.
        assertThat(pair.a().transmitRoom()).isEqualTo(8);
        assertThat(pair.a().transmit(batch(20, 1))).isEqualTo(1);
        assertThat(pair.a().transmitDrops()).isEqualTo(3);
        assertThat(pair.b().transmitDrops()).isZero();
    }

    @Test
    void receiveStopsWhenTheBatchIsFull()
    {
        final PacketBatch small = new PacketBatch(3, 1024);
        pair.a().transmit(batch(1, 7));

        assertThat(pair.b().receive(small)).isEqualTo(3);
        assertThat(pair.b().receive(small)).isZero();
        assertThat(contents(small)).containsExactlyElementsOf(contents(batch(1, 3)));
        small.clear();
        assertThat(pair.b().receive(small)).isEqualTo(3);
        assertThat(contents(small)).containsExactlyElementsOf(contents(batch(4, 3)));
        small.clear();
        assertThat(pair.b().receive(small)).isEqualTo(1);
        assertThat(contents(small)).containsExactlyElementsOf(contents(batch(7, 1)));
    }

    @Test
    void onlyPacketsMarkedOkAreSent()
    {
        final PacketBatch sent = batch(1, 4);
        sent.disposition(1, Disposition.ICV_FAILURE);
        sent.disposition(3, Disposition.NO_SA);

        assertThat(pair.a().transmit(sent)).isEqualTo(2);
        assertThat(pair.a().transmitDrops()).isZero();
        pair.b().receive(received);
        assertThat(NumberedPackets.sequences(contents(received))).containsExactly(1, 3);
    }

    @Test
    void oversizedPacketsAreDroppedAndCounted()
    {
        final MemoryPortPair small = new MemoryPortPair("a", "b", 4, 100);
        final PacketBatch sent = new PacketBatch(4, 1024);
        sent.add(new byte[100], 0, 100);
        sent.add(new byte[101], 0, 101);

        assertThat(small.a().transmit(sent)).isEqualTo(1);
        assertThat(small.a().transmitDrops()).isEqualTo(1);

        // A receiving batch with slots smaller than the packet drops it on receive.
        final PacketBatch tiny = new PacketBatch(4, 64);
        assertThat(small.b().receive(tiny)).isZero();
        assertThat(small.b().receiveDrops()).isEqualTo(1);
        assertThat(small.b().pendingReceive()).isZero();
    }

    @Test
    void aClosedEndNeitherSendsNorReceives()
    {
        pair.a().transmit(batch(1, 2));
        pair.b().close();

        assertThat(pair.b().receive(received)).isZero();
        assertThat(pair.b().transmit(batch(1, 2))).isZero();
        assertThat(pair.b().transmitDrops()).isEqualTo(2);
        assertThat(pair.a().receive(received)).isZero();
    }

    @Test
    void rejectsEmptyQueues()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> new MemoryPortPair(0))
            .withMessageContaining("capacity and maxPacket must be at least 1");
    }
}
