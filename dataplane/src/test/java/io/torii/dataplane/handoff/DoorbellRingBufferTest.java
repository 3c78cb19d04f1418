package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

/**
 * A message written or committed wakes the thread that reads the ring from a park. The reader here parks a
 * minute at a time, far beyond the test's bound, so a write that does not wake it fails the test.
 */
class DoorbellRingBufferTest
{
    private static final int MESSAGE_TYPE = 7;
    private static final long PARK_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long BOUND_SECONDS = 10;

    private final DoorbellRingBuffer ring = new DoorbellRingBuffer(new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH))));

    /** Reads until {@code expected} messages came, parking between empty reads as an idle strategy does. */
    private Thread reader(final int expected, final ConcurrentLinkedQueue<Integer> values, final CountDownLatch polled,
        final CountDownLatch done)
    {
        return Thread.ofPlatform().daemon().name("reader").start(() ->
        {
            while (values.size() < expected)
            {
                final int read = ring.read((type, buffer, index, length) -> values.add(buffer.getInt(index)));
                polled.countDown();
                if (read == 0)
                {
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
            done.countDown();
        });
    }

    @Test
    void aWriteWakesTheParkedReader() throws InterruptedException
    {
        final ConcurrentLinkedQueue<Integer> values = new ConcurrentLinkedQueue<>();
        final CountDownLatch polled = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        reader(1, values, polled, done);
        assertThat(polled.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();

        final UnsafeBuffer message = new UnsafeBuffer(new byte[Integer.BYTES]);
        message.putInt(0, 42);
        assertThat(ring.write(MESSAGE_TYPE, message, 0, Integer.BYTES)).isTrue();

        assertThat(done.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(values).containsExactly(42);
    }

    @Test
    void aCommittedClaimWakesTheParkedReader() throws InterruptedException
    {
        final ConcurrentLinkedQueue<Integer> values = new ConcurrentLinkedQueue<>();
        final CountDownLatch polled = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        reader(2, values, polled, done);
        assertThat(polled.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();

        for (int value = 1; value <= 2; value++)
        {
            final int index = ring.tryClaim(MESSAGE_TYPE, Integer.BYTES);
            assertThat(index).isPositive();
            ring.buffer().putInt(index, value);
            ring.commit(index);
        }

        assertThat(done.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(values).containsExactly(1, 2);
    }

    @Test
    void everythingElseIsTheRingsOwn()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[Integer.BYTES]);
        assertThat(ring.write(MESSAGE_TYPE, message, 0, Integer.BYTES)).as("no reader yet: nothing to wake").isTrue();

        assertThat(ring.size()).isPositive();
        assertThat(ring.producerPosition()).isEqualTo(ring.size());
        assertThat(ring.capacity()).isEqualTo(64 * 1024);
        assertThat(ring.read((type, buffer, index, length) -> { }, 10)).isEqualTo(1);
        assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
        final int claimed = ring.tryClaim(MESSAGE_TYPE, Integer.BYTES);
        ring.abort(claimed);
        assertThat(ring.controlledRead((type, buffer, index, length) ->
            org.agrona.concurrent.ControlledMessageHandler.Action.CONTINUE)).isZero();
    }
}
