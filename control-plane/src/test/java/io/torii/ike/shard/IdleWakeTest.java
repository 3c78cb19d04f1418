package io.torii.ike.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeDatagram;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/**
 * Work handed to an idle IKE thread wakes it: a command wakes the handlers blocked on a quiet ring, and a
 * handler's answer wakes the parked I/O thread. Each idle wait here is a minute, far beyond the tests' own
 * bounds, so a thread that is not woken makes its test fail rather than pass late.
 */
class IdleWakeTest
{
    private static final long IDLE_MILLIS = 60_000;
    private static final long BOUND_SECONDS = 10;

    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private IkeDispatcher dispatcher(final int handlers)
    {
        final PrintStream log = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return IkeDispatcher.start(IkeHandlerSettings.of(handlers), List.of(), new ShardedFixtures.Recorder(0x1000),
            datagram -> { }, log, HalfOpenLimits.STRONGSWAN_DEFAULTS, SystemNanoClock.INSTANCE, errors::add,
            IDLE_MILLIS);
    }

    @Test
    void aCommandRunsOnAnIdleHandlerWithoutWaitingForItsTimeout() throws InterruptedException
    {
        try (IkeDispatcher dispatcher = dispatcher(2))
        {
            for (int round = 0; round < 3; round++)
            {
                final CountDownLatch ran = new CountDownLatch(1);
                final AtomicReference<String> thread = new AtomicReference<>();
                assertThat(dispatcher.execute(1, manager ->
                {
                    thread.set(Thread.currentThread().getName());
                    ran.countDown();
                })).isTrue();

                assertThat(ran.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("round %d", round).isTrue();
                assertThat(thread.get()).isEqualTo("torii-ike-handler-1");
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void aCommandForEveryHandlerRunsOnEachOfThemPromptly() throws InterruptedException
    {
        try (IkeDispatcher dispatcher = dispatcher(3))
        {
            final CountDownLatch ran = new CountDownLatch(3);
            final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();

            assertThat(dispatcher.executeOnEvery(manager ->
            {
                threads.add(Thread.currentThread().getName());
                ran.countDown();
            })).isTrue();

            assertThat(ran.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).containsExactlyInAnyOrder("torii-ike-handler-0", "torii-ike-handler-1",
                "torii-ike-handler-2");
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void anAnswerWakesTheParkedThreadThatDrainsThem() throws InterruptedException
    {
        final OutboundDatagrams outbound = new OutboundDatagrams(16);
        final ConcurrentLinkedQueue<IkeDatagram> sent = new ConcurrentLinkedQueue<>();
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch drained = new CountDownLatch(1);
        final Thread io = Thread.ofPlatform().daemon().name("io").start(() ->
        {
            outbound.drainOn(Thread.currentThread());
            parked.countDown();
            while (outbound.drain(sent::add, 16) == 0)
            {
                // As an idle strategy parks: spurious returns go round again, an unpark ends the wait.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
            }
            drained.countDown();
        });
        final IkeDatagram answer = new IkeDatagram(new InetSocketAddress("192.0.2.1", 500),
            new InetSocketAddress("198.51.100.2", 500), new byte[]{1, 2, 3});
        assertThat(parked.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();

        outbound.accept(answer);

        assertThat(drained.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).containsExactly(answer);
        io.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        assertThat(outbound.dropped()).isZero();
    }
}
