package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.RecordingDataplaneControl.Call;
import io.torii.dataplane.handoff.RecordingDataplaneControl.DeletePolicy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;

class RingStressTest
{
    private static final int PRODUCERS = 4;
    private static final int MESSAGES = 50_000;

    @Test
    void everyMessageFromEveryProducerArrivesOnceInProducerOrder() throws Exception
    {
        // A small ring so producers keep meeting back pressure and wrapping.
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        final CountDownLatch start = new CountDownLatch(1);
        try
        {
            final Future<?>[] producers = new Future<?>[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producer = p;
                producers[p] = pool.submit(() ->
                {
                    final RingDataplaneControl proxy = new RingDataplaneControl(ring);
                    start.await();
                    for (int i = 0; i < MESSAGES; i++)
                    {
                        // Alternate sizes so records of different lengths interleave and pad at the wrap.
                        final long correlationId = ((long)producer << 32) | i;
                        while (!(i % 3 == 0 ?
                            proxy.addPolicy(correlationId, i, "10.0.0.0/8", "10.1.0.0/16",
                                io.torii.dataplane.spd.PolicyDirection.OUTBOUND,
                                io.torii.dataplane.spd.PolicyAction.PROTECT, producer, i) :
                            proxy.deletePolicy(correlationId, i)))
                        {
                            Thread.onSpinWait();
                        }
                    }
                    return null;
                });
            }
            final ForwardingProgrammer programmer = new ForwardingProgrammer();
            final ControlAdapter adapter = new ControlAdapter(ring, programmer);
            start.countDown();
            final List<Call> calls = programmer.decoded.calls();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (calls.size() < PRODUCERS * MESSAGES && System.nanoTime() < deadline)
            {
                if (adapter.poll(64) == 0)
                {
                    Thread.onSpinWait();
                }
            }
            for (final Future<?> producer : producers)
            {
                producer.get(10, TimeUnit.SECONDS);
            }
            assertThat(adapter.poll(64)).isZero();
            assertThat(programmer.invalid).isEmpty();
            assertThat(calls).hasSize(PRODUCERS * MESSAGES);

            final int[] next = new int[PRODUCERS];
            for (final Call call : calls)
            {
                final int producer = (int)(call.correlationId() >>> 32);
                final int sequence = (int)call.correlationId();
                assertThat(sequence).as("producer %d's next message", producer).isEqualTo(next[producer]);
                next[producer]++;
                assertThat(call instanceof DeletePolicy).isEqualTo(sequence % 3 != 0);
            }
            assertThat(next).containsOnly(MESSAGES);
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
