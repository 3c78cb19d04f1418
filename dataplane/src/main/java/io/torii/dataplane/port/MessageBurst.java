package io.torii.dataplane.port;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;
import io.torii.nativeshim.PortMessageArray;

/**
 * The burst bookkeeping the kernel-backed ports share: pointing a {@link PortMessageArray} at a
 * {@link PacketBatch}'s free slots for one receive downcall, keeping the slots dense when packets
 * of the burst are dropped, handing OK packets to send downcalls {@link PortMessageArray#MAX_MESSAGES}
 * at a time, and the counters. A port owns one and supplies what differs through an {@link Endpoint}:
 * the native calls and the headers the kernel adds or takes away. Nothing is allocated per burst.
 *
 * <p>Received packets' payloads land at {@link PacketBatch#HEADROOM}, so the endpoint can write
 * headers in front of them in place.
 */
public final class MessageBurst implements AutoCloseable
{
    /**
     * What a port does that the bookkeeping does not: the downcalls and per-packet header work.
     * Ports implement it in a private class so that these methods stay out of their public API.
     */
    public interface Endpoint
    {
        /**
         * Receives into descriptors {@code [0, count)}.
         *
         * @param messages the descriptors, each pointing at a slot.
         * @param count how many, 1 to {@link PortMessageArray#MAX_MESSAGES}.
         * @return how many arrived, or a negative errno.
         */
        int receive(PortMessageArray messages, int count);

        /**
         * Sends descriptors {@code [0, count)}.
         *
         * @param messages the described packets.
         * @param count how many, 1 to {@link PortMessageArray#MAX_MESSAGES}.
         * @return how many the kernel took, or a negative errno when none.
         */
        int send(PortMessageArray messages, int count);

        /**
         * Judges a received message that was not truncated.
         *
         * @param messages the received descriptors.
         * @param message which one.
         * @return false to drop it as a receive error.
         */
        boolean accept(PortMessageArray messages, int message);

        /**
         * Finishes an accepted message in its slot, whose payload is at {@link PacketBatch#HEADROOM}:
         * writes the headers the kernel took off and sets the packet's bounds.
         *
         * @param batch the batch.
         * @param index the packet's slot.
         * @param messages the received descriptors.
         * @param message which one.
         * @param payloadLength the bytes the kernel delivered.
         */
        void complete(PacketBatch batch, int index, PortMessageArray messages, int message, int payloadLength);

        /**
         * Points a descriptor at an OK packet to send.
         *
         * @param batch the batch.
         * @param index the packet.
         * @param messages the descriptors.
         * @param slot the descriptor to fill.
         * @return false when the packet cannot leave through this port (dropped and counted malformed).
         */
        boolean describe(PacketBatch batch, int index, PortMessageArray messages, int slot);

        /**
         * Whether an OK packet is this endpoint's to send at all: a port made of several sockets
         * gives each socket's burst the whole batch, and each sends its share. Packets it does not
         * carry are left alone and not counted.
         *
         * @param batch the batch.
         * @param index the packet.
         * @return true, unless the endpoint shares the batch with another.
         */
        default boolean carries(final PacketBatch batch, final int index)
        {
            return true;
        }
    }

    private final PortMessageArray messages = new PortMessageArray();
    private final Endpoint endpoint;
    private long received;
    private long receiveErrors;
    private long transmitted;
    private long transmitDrops;
    private long transmitMalformed;

    /**
     * Allocates the native descriptor array.
     *
     * @param endpoint the port's downcalls and header work.
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public MessageBurst(final Endpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    /**
     * Appends what one receive downcall brings to the batch.
     *
     * @param batch the batch to fill, after the packets already in it.
     * @param capacity the bytes each descriptor may receive at {@link PacketBatch#HEADROOM}.
     * @param header the bytes the endpoint puts in front of each payload.
     * @return how many packets were added.
     */
    public int receive(final PacketBatch batch, final int capacity, final int header)
    {
        final int first = batch.size();
        final int wanted = Math.min(batch.capacity() - first, PortMessageArray.MAX_MESSAGES);
        if (wanted <= 0)
        {
            return 0;
        }
        for (int i = 0; i < wanted; i++)
        {
            messages.buffer(i, batch.address(first + i) + PacketBatch.HEADROOM, capacity);
        }
        final int arrived = endpoint.receive(messages, wanted);
        if (arrived < 0)
        {
            receiveErrors++;
            return 0;
        }
        int added = 0;
        for (int i = 0; i < arrived; i++)
        {
            if (messages.isTruncated(i) || !endpoint.accept(messages, i))
            {
                receiveErrors++;
                continue;
            }
            final int length = messages.length(i);
            final int index = batch.claim(header + length);
            if (index != first + i)
            {
                // An earlier packet of this burst was dropped: close the gap so slots stay dense.
                batch.buffer(index).putBytes(
                    PacketBatch.HEADROOM, batch.buffer(first + i), PacketBatch.HEADROOM, length);
            }
            endpoint.complete(batch, index, messages, i, length);
            added++;
        }
        received += added;
        return added;
    }

    /**
     * Sends every OK packet of the batch the endpoint can describe; the batch is not changed.
     *
     * @param batch the packets.
     * @return how many the kernel took.
     */
    public int transmit(final PacketBatch batch)
    {
        final int size = batch.size();
        int pending = 0;
        int sent = 0;
        for (int i = 0; i < size; i++)
        {
            if (batch.disposition(i) != Disposition.OK || !endpoint.carries(batch, i))
            {
                continue;
            }
            if (!endpoint.describe(batch, i, messages, pending))
            {
                transmitMalformed++;
                transmitDrops++;
                continue;
            }
            if (++pending == PortMessageArray.MAX_MESSAGES)
            {
                sent += flush(pending);
                pending = 0;
            }
        }
        if (pending > 0)
        {
            sent += flush(pending);
        }
        transmitted += sent;
        return sent;
    }

    private int flush(final int count)
    {
        final int sent = Math.max(endpoint.send(messages, count), 0);
        transmitDrops += count - sent;
        return sent;
    }

    /** @return packets handed to the engine so far. */
    public long received()
    {
        return received;
    }

    /** @return failed receive downcalls plus messages dropped on receive. */
    public long receiveErrors()
    {
        return receiveErrors;
    }

    /** @return packets the kernel took so far. */
    public long transmitted()
    {
        return transmitted;
    }

    /** @return OK packets not sent: not describable, or refused by the kernel. */
    public long transmitDrops()
    {
        return transmitDrops;
    }

    /** @return the part of {@link #transmitDrops()} the endpoint could not describe. */
    public long transmitMalformed()
    {
        return transmitMalformed;
    }

    /** Frees the descriptor array. */
    @Override
    public void close()
    {
        messages.close();
    }
}
