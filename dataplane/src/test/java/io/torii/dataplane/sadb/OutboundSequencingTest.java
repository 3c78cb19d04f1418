package io.torii.dataplane.sadb;

import static io.torii.dataplane.sadb.OutboundSequencing.EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.testing.TestSas;
import java.lang.management.ManagementFactory;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound sequence counter the engine uses, kept in the SA's off-heap runtime: consecutive
 * numbers, the hard limit sent once and then nothing (never a wrap, RFC 4303 §3.3.3), each event
 * raised once, and limits as {@link SaTable} sets them.
 */
class OutboundSequencingTest
{
    private static final int SLOT = 3;
    private static final int SPI = 0xC0DE_0001;
    private static final long HARD_32 = 0xFFFF_FFFFL;
    private static final long HARD_64 = -1L;

    /** Counts events without allocating, and remembers what they carried. */
    private static final class Events implements SaEventListener
    {
        int soft;
        int exhausted;
        int lastSlot = -1;
        int lastSpi;

        @Override
        public void onSequenceSoftLimit(final int saSlot, final int spi)
        {
            soft++;
            lastSlot = saSlot;
            lastSpi = spi;
        }

        @Override
        public void onSequenceExhausted(final int saSlot, final int spi)
        {
            exhausted++;
            lastSlot = saSlot;
            lastSpi = spi;
        }
    }

    /**
     * @param lastSent the number sent last (0 for a new SA).
     * @param esn which hard limit.
     * @param softLimit the first number whose sending asks for a rekey.
     */
    private static SaRuntimeFlyweight runtime(final long lastSent, final boolean esn, final long softLimit)
    {
        final UnsafeBuffer memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SaRuntimeFlyweight.LENGTH,
            SaRuntimeFlyweight.ALIGNMENT));
        final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight().wrap(memory, 0);
        runtime.clear();
        return runtime.spi(SPI).flags(esn ? SaRuntimeFlyweight.FLAG_ESN : 0).sequence(lastSent)
            .hardLimit(esn ? HARD_64 : HARD_32).softLimit(softLimit);
    }

    @Test
    void aNewSaSendsOneTwoThreeAndRecordsTheLastSent()
    {
        final SaRuntimeFlyweight runtime = runtime(0, false, HARD_32);
        final Events events = new Events();

        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(1);
        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(2);
        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(3);
        assertThat(runtime.sequence()).isEqualTo(3);
        assertThat(events.soft + events.exhausted).isZero();
    }

    /** A few numbers below the hard limit: the limit itself is sent, then nothing, forever. */
    @ParameterizedTest(name = "esn {0}, last sent {1}")
    @CsvSource({
        "false, FFFFFFFB, FFFFFFFF",
        "false, FFFFFFFE, FFFFFFFF",
        "true, FFFFFFFFFFFFFFFB, FFFFFFFFFFFFFFFF",
        "true, FFFFFFFFFFFFFFFE, FFFFFFFFFFFFFFFF",
        "true, 7FFFFFFFFFFFFFFD, none",
        "true, FFFFFFFD, none",
    })
    void theHardLimitIsSentOnceAndThenNothing(final boolean esn, final String lastText, final String limitText)
    {
        final long last = Long.parseUnsignedLong(lastText, 16);
        final boolean reachesLimit = !limitText.equals("none");
        final SaRuntimeFlyweight runtime = runtime(last, esn, esn ? HARD_64 : HARD_32);
        final Events events = new Events();
        // How many numbers are left to send; compared by index because the values themselves would wrap.
        final long left = reachesLimit ? Long.parseUnsignedLong(limitText, 16) - last : Long.MAX_VALUE;

        for (long i = 1; i <= 6; i++)
        {
            final long sent = OutboundSequencing.next(runtime, SLOT, events);
            if (i > left)
            {
                assertThat(sent).as("after the limit").isEqualTo(EXHAUSTED);
            }
            else
            {
                assertThat(Long.toHexString(sent)).isEqualTo(Long.toHexString(last + i));
            }
        }
        assertThat(events.exhausted).isEqualTo(reachesLimit ? 1 : 0);
        assertThat(events.soft).as("the soft limit sits at the hard one here").isEqualTo(reachesLimit ? 1 : 0);
        assertThat(runtime.has(SaRuntimeFlyweight.FLAG_EXHAUSTED_RAISED)).isEqualTo(reachesLimit);
        if (reachesLimit)
        {
            assertThat(runtime.sequence()).as("the counter stays at the limit").isEqualTo(runtime.hardLimit());
            for (int i = 0; i < 3; i++)
            {
                assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(EXHAUSTED);
            }
            assertThat(events.exhausted).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "esn {0}")
    @ValueSource(booleans = {false, true})
    void theSoftLimitRaisesTheRekeyEventExactlyOnce(final boolean esn)
    {
        final SaRuntimeFlyweight runtime = runtime(0, esn, 10);
        final Events events = new Events();

        for (long expected = 1; expected <= 9; expected++)
        {
            assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(expected);
        }
        assertThat(events.soft).isZero();
        assertThat(runtime.has(SaRuntimeFlyweight.FLAG_REKEY_RAISED)).isFalse();

        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(10);
        assertThat(events.soft).isEqualTo(1);
        assertThat(events.lastSlot).isEqualTo(SLOT);
        assertThat(events.lastSpi).isEqualTo(SPI);
        assertThat(runtime.has(SaRuntimeFlyweight.FLAG_REKEY_RAISED)).isTrue();
        for (long expected = 11; expected <= 100; expected++)
        {
            assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(expected);
        }
        assertThat(events.soft).isEqualTo(1);
        assertThat(events.exhausted).isZero();
        assertThat(runtime.has(SaRuntimeFlyweight.FLAG_ESN)).as("other flags kept").isEqualTo(esn);
    }

    @Test
    void aCounterAlreadyPastTheSoftLimitAsksForARekeyWithItsFirstPacket()
    {
        final SaRuntimeFlyweight runtime = runtime(99, false, 50);
        final Events events = new Events();

        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(100);
        assertThat(events.soft).isEqualTo(1);
    }

    @Test
    void anSaInstalledAtItsHardLimitSendsNothingAndSaysSoOnce()
    {
        final SaRuntimeFlyweight runtime = runtime(HARD_32, false, HARD_32 - HARD_32 / 64);
        final Events events = new Events();

        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(EXHAUSTED);
        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(EXHAUSTED);
        assertThat(events.exhausted).isEqualTo(1);
        assertThat(events.lastSlot).isEqualTo(SLOT);
        assertThat(events.lastSpi).isEqualTo(SPI);
        assertThat(runtime.sequence()).isEqualTo(HARD_32);
    }

    /** With ESN the sentinel 0 is never a number handed out: the counter stops at 2^64 - 1, not past it. */
    @Test
    void withEsnTheLastNumberIsTwoToThe64MinusOneAndZeroIsNeverSent()
    {
        final SaRuntimeFlyweight runtime = runtime(-3L, true, HARD_64);
        final Events events = new Events();

        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(-2L);
        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(-1L);
        assertThat(OutboundSequencing.next(runtime, SLOT, events)).isEqualTo(EXHAUSTED);
        assertThat(runtime.sequence()).isEqualTo(-1L);
    }

    @ParameterizedTest(name = "esn {0}")
    @ValueSource(booleans = {false, true})
    void theTableSetsLimitsAndTheFirstNumberFromTheSaRecord(final boolean esn)
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE)
            .withEsn(esn, 0x1234);
        try (SaTable table = new SaTable(2))
        {
            final int slot = table.install(sas.outbound(), Direction.OUTBOUND, new JdkCryptoEngine());
            final SaRuntimeFlyweight runtime = table.runtime(slot);
            final long hard = esn ? HARD_64 : HARD_32;

            assertThat(runtime.hardLimit()).isEqualTo(hard);
            assertThat(runtime.softLimit()).isEqualTo(hard - Long.divideUnsigned(hard, 64));
            assertThat(Long.toHexString(runtime.softLimit())).isEqualTo(esn ? "fc00000000000000" : "fc000000");
            assertThat(OutboundSequencing.next(runtime, slot, SaEventListener.NONE)).isEqualTo(0x1235);
        }
    }

    @Test
    void aFirstNumberBeyondThirtyTwoBitsNeedsEsn()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE)
            .withEsn(false, 0x1_0000_0000L);

        assertThatThrownBy(sas::outbound).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("needs esn = yes");
    }

    @Test
    void handingOutNumbersAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int calls = 1_000_000;
        final SaRuntimeFlyweight runtime = runtime(0, true, calls / 2);
        final Events events = new Events();
        long sink = run(runtime, events, calls / 10);

        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(runtime, events, calls);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isNotZero();
        assertThat(events.soft).isEqualTo(1);
        assertThat(allocated).as("bytes allocated over %d packets", calls).isLessThan(calls / 4);
    }

    private static long run(final SaRuntimeFlyweight runtime, final Events events, final int calls)
    {
        long sink = 0;
        for (int i = 0; i < calls; i++)
        {
            sink += OutboundSequencing.next(runtime, SLOT, events);
        }
        return sink;
    }
}
