package io.torii.ike.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Picking the transport for a message's local end, and opening one where a MOBIKE move took us. */
class IkeTransportsTest
{
    private static final InetSocketAddress OLD = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 4500);
    private static final InetSocketAddress NEW = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.9"), 4500);
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 4500);

    /** A transport on one local end that records what it sent and hands out what the test queued. */
    private static final class RecordingTransport implements IkeTransport
    {
        final InetSocketAddress local;
        final List<IkeDatagram> sent = new ArrayList<>();
        final List<IkeDatagram> arriving = new ArrayList<>();
        boolean closed;

        RecordingTransport(final InetSocketAddress local)
        {
            this.local = local;
        }

        @Override
        public int poll(final Consumer<IkeDatagram> consumer, final int limit)
        {
            final int count = Math.min(limit, arriving.size());
            for (int i = 0; i < count; i++)
            {
                consumer.accept(arriving.removeFirst());
            }
            return count;
        }

        @Override
        public boolean send(final IkeDatagram datagram)
        {
            return sent.add(datagram);
        }

        @Override
        public boolean sendsFrom(final IkeDatagram datagram)
        {
            return datagram.local().equals(local);
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }

    private static IkeDatagram from(final InetSocketAddress local)
    {
        return new IkeDatagram(local, PEER, new byte[28]);
    }

    @Test
    void aMessageFromANewLocalEndOpensATransportThereWhichThenAlsoReceives()
    {
        final RecordingTransport old = new RecordingTransport(OLD);
        final List<RecordingTransport> opened = new ArrayList<>();
        final IkeTransports transports = new IkeTransports(List.of(old), local ->
        {
            final RecordingTransport transport = new RecordingTransport(local);
            opened.add(transport);
            return transport;
        });

        assertThat(transports.send(from(OLD))).isTrue();
        assertThat(opened).isEmpty();
        assertThat(transports.send(from(NEW))).isTrue();
        assertThat(transports.send(from(NEW))).isTrue();

        assertThat(opened).singleElement().satisfies(transport ->
        {
            assertThat(transport.local).isEqualTo(NEW);
            assertThat(transport.sent).hasSize(2);
        });
        assertThat(old.sent).hasSize(1);
        assertThat(transports.opened()).isEqualTo(1);
        assertThat(transports.unroutable()).isZero();

        final IkeDatagram answer = new IkeDatagram(NEW, PEER, new byte[30]);
        opened.getFirst().arriving.add(answer);
        final List<IkeDatagram> received = new ArrayList<>();
        assertThat(transports.poll(received::add, 10)).isEqualTo(1);
        assertThat(received).containsExactly(answer);

        transports.close();
        assertThat(old.closed).isTrue();
        assertThat(opened.getFirst().closed).as("opened transports are closed with the rest").isTrue();
    }

    @Test
    void aLocalEndThatCannotBeBoundIsUnroutableAndTriedAgainNextTime()
    {
        final int[] tries = new int[1];
        final IkeTransports transports = new IkeTransports(List.of(new RecordingTransport(OLD)), local ->
        {
            tries[0]++;
            throw new IOException("Cannot assign requested address");
        });

        assertThat(transports.send(from(NEW))).isFalse();
        assertThat(transports.send(from(NEW))).isFalse();

        assertThat(tries[0]).isEqualTo(2);
        assertThat(transports.unroutable()).isEqualTo(2);
        assertThat(transports.opened()).isZero();
    }

    @Test
    void withoutAnOpenerAnUnknownLocalEndIsUnroutable()
    {
        final IkeTransports transports = new IkeTransports(List.of(new RecordingTransport(OLD)));

        assertThat(transports.send(from(NEW))).isFalse();
        assertThat(transports.unroutable()).isEqualTo(1);
    }
}
