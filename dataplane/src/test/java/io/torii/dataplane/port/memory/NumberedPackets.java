package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets that say which they are: a 32-bit sequence number, then bytes derived from it, with a
 * length that varies with it, so a test can tell lost, repeated, reordered and damaged packets apart.
 * Port tests carry opaque bytes, so these need not be IP.
 */
final class NumberedPackets
{
    private NumberedPackets()
    {
    }

    /** @return packet number {@code sequence}, 8 to 207 bytes long. */
    static byte[] packet(final int sequence)
    {
        final int length = 8 + Math.floorMod(sequence * 7, 200);
        final ByteBuffer packet = ByteBuffer.allocate(length).putInt(sequence);
        while (packet.hasRemaining())
        {
            packet.put((byte)(sequence * 31 + packet.position()));
        }
        return packet.array();
    }

    /** @return the sequence number of a packet built by {@link #packet}. */
    static int sequence(final byte[] packet)
    {
        return ByteBuffer.wrap(packet).getInt();
    }

    /** @return the sequence number of the batch's packet at index. */
    static int sequence(final PacketBatch batch, final int index)
    {
        return batch.buffer(index).getInt(batch.offset(index), java.nio.ByteOrder.BIG_ENDIAN);
    }

    /** @return a batch holding packets {@code first} to {@code first + count - 1}. */
    static PacketBatch batch(final int first, final int count)
    {
        final PacketBatch batch = new PacketBatch(Math.max(count, 1), 1024);
        for (int i = 0; i < count; i++)
        {
            final byte[] packet = packet(first + i);
            batch.add(packet, 0, packet.length);
        }
        return batch;
    }

    /** @return copies of the batch's packets. */
    static List<byte[]> contents(final PacketBatch batch)
    {
        final List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++)
        {
            packets.add(batch.copyOut(i));
        }
        return packets;
    }

    /** @return the sequence numbers of the packets. */
    static List<Integer> sequences(final List<byte[]> packets)
    {
        final List<Integer> sequences = new ArrayList<>();
        for (final byte[] packet : packets)
        {
            sequences.add(sequence(packet));
        }
        return sequences;
    }
}
