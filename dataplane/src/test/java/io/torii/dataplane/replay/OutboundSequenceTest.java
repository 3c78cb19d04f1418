package io.torii.dataplane.replay;

import static io.torii.dataplane.replay.OutboundSequence.EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundSequenceTest
{
    @Test
    void newSaSendsOneTwoThree()
    {
        final OutboundSequence sequence = OutboundSequence.withMargin(1, false, 0);

        assertThat(sequence.peek()).isEqualTo(1);
        assertThat(sequence.next()).isEqualTo(1);
        assertThat(sequence.next()).isEqualTo(2);
        assertThat(sequence.next()).isEqualTo(3);
        assertThat(sequence.peek()).isEqualTo(4);
        assertThat(sequence.rekeyNeeded()).isFalse();
        assertThat(sequence.takeRekeyEvent()).isFalse();
        assertThat(sequence.isExhausted()).isFalse();
    }

    /** Starts a few numbers below the hard limit: the limit itself is sent, then nothing, forever. */
    @ParameterizedTest(name = "esn {0}, first {1}")
    @CsvSource({
        "false, FFFFFFFC, FFFFFFFF",
        "false, FFFFFFFF, FFFFFFFF",
        "true, FFFFFFFFFFFFFFFC, FFFFFFFFFFFFFFFF",
        "true, FFFFFFFFFFFFFFFF, FFFFFFFFFFFFFFFF",
        "true, 7FFFFFFFFFFFFFFE, none",
        "true, FFFFFFFE, none",
    })
    void hardLimitIsSentOnceAndThenTheCounterIsExhausted(final boolean esn, final String firstText,
        final String limitText)
    {
        final long first = Long.parseUnsignedLong(firstText, 16);
        final OutboundSequence sequence = OutboundSequence.withMargin(first, esn, 0);
        final boolean reachesLimit = !limitText.equals("none");

        // Numbers left after the first one; compared by index because the expected value itself would wrap.
        final long after = reachesLimit ? Long.parseUnsignedLong(limitText, 16) - first : Long.MAX_VALUE;
        for (long i = 0; i < 4; i++)
        {
            final long sent = sequence.next();
            if (i > after)
            {
                assertThat(sent).as("after the limit").isEqualTo(EXHAUSTED);
            }
            else
            {
                assertThat(Long.toHexString(sent)).isEqualTo(Long.toHexString(first + i));
            }
        }
        assertThat(sequence.isExhausted()).isEqualTo(reachesLimit);
        assertThat(sequence.rekeyNeeded()).isEqualTo(reachesLimit);
        if (reachesLimit)
        {
            assertThat(sequence.peek()).isEqualTo(EXHAUSTED);
            for (int i = 0; i < 3; i++)
            {
                assertThat(sequence.next()).isEqualTo(EXHAUSTED);
            }
            assertThat(sequence.takeRekeyEvent()).isTrue();
            assertThat(sequence.takeRekeyEvent()).isFalse();
        }
    }

    @ParameterizedTest(name = "esn {0}")
    @ValueSource(booleans = {false, true})
    void softLimitRaisesTheRekeyEventExactlyOnce(final boolean esn)
    {
        final OutboundSequence sequence = new OutboundSequence(1, esn, 10);
        int events = 0;

        for (long expected = 1; expected <= 9; expected++)
        {
            assertThat(sequence.next()).isEqualTo(expected);
            assertThat(sequence.rekeyNeeded()).as("after %d", expected).isFalse();
            events += sequence.takeRekeyEvent() ? 1 : 0;
        }
        assertThat(events).isZero();

        assertThat(sequence.next()).isEqualTo(10);
        assertThat(sequence.rekeyNeeded()).isTrue();
        assertThat(sequence.takeRekeyEvent()).isTrue();
        for (long expected = 11; expected <= 100; expected++)
        {
            assertThat(sequence.next()).isEqualTo(expected);
            assertThat(sequence.rekeyNeeded()).isTrue();
            assertThat(sequence.takeRekeyEvent()).isFalse();
        }
        assertThat(sequence.isExhausted()).isFalse();
    }

    @Test
    void eventNotTakenAtOnceIsStillThereLaterButOnlyOnce()
    {
        final OutboundSequence sequence = new OutboundSequence(5, false, 6);

        sequence.next();
        sequence.next();
        sequence.next();

        assertThat(sequence.takeRekeyEvent()).isTrue();
        assertThat(sequence.takeRekeyEvent()).isFalse();
        assertThat(sequence.rekeyNeeded()).isTrue();
    }

    @Test
    void firstNumberAlreadyPastTheSoftLimitAsksForRekeyOnItsFirstPacket()
    {
        final OutboundSequence sequence = new OutboundSequence(100, false, 50);

        assertThat(sequence.rekeyNeeded()).as("nothing sent yet").isFalse();
        assertThat(sequence.next()).isEqualTo(100);
        assertThat(sequence.rekeyNeeded()).isTrue();
        assertThat(sequence.takeRekeyEvent()).isTrue();
    }

    @ParameterizedTest(name = "esn {0}, margin {1}")
    @CsvSource({
        "false, 0, FFFFFFFF",
        "false, 5, FFFFFFFA",
        "false, FFFFFFFE, 1",
        "true, 0, FFFFFFFFFFFFFFFF",
        "true, 100000, FFFFFFFFFFEFFFFF",
        "true, FFFFFFFFFFFFFFFE, 1",
    })
    void marginSetsTheSoftLimitBelowTheHardLimit(final boolean esn, final String marginText, final String soft)
    {
        final long margin = Long.parseUnsignedLong(marginText, 16);
        final OutboundSequence sequence = OutboundSequence.withMargin(1, esn, margin);

        assertThat(Long.toHexString(sequence.softLimit())).isEqualTo(soft.toLowerCase(Locale.ROOT));
        assertThat(sequence.hardLimit()).isEqualTo(OutboundSequence.hardLimit(esn));
    }

    @Test
    void marginEventFiresWhenTheMarginIsReached()
    {
        final OutboundSequence sequence = OutboundSequence.withMargin(0xFFFF_FFF0L, false, 5);

        for (long expected = 0xFFFF_FFF0L; expected < 0xFFFF_FFFAL; expected++)
        {
            assertThat(sequence.next()).isEqualTo(expected);
            assertThat(sequence.takeRekeyEvent()).isFalse();
        }
        assertThat(sequence.next()).isEqualTo(0xFFFF_FFFAL);
        assertThat(sequence.takeRekeyEvent()).isTrue();
        for (long expected = 0xFFFF_FFFBL; expected <= 0xFFFF_FFFFL; expected++)
        {
            assertThat(sequence.next()).isEqualTo(expected);
        }
        assertThat(sequence.next()).isEqualTo(EXHAUSTED);
        assertThat(sequence.takeRekeyEvent()).isFalse();
    }

    @ParameterizedTest(name = "esn {0}, fraction {1}")
    @CsvSource({
        "false, 0.5, 80000000",
        "false, 1.0, FFFFFFFF",
        "false, 0.9, E6666666",
        "false, 1e-300, 1",
        "true, 0.5, 8000000000000000",
        "true, 1.0, FFFFFFFFFFFFFFFF",
        "true, 0.25, 4000000000000000",
    })
    void fractionOfTheSequenceSpace(final boolean esn, final double fraction, final String soft)
    {
        final OutboundSequence sequence = OutboundSequence.withFraction(1, esn, fraction);

        assertThat(Long.toHexString(sequence.softLimit())).isEqualTo(soft.toLowerCase(Locale.ROOT));
        assertThat(Long.compareUnsigned(sequence.softLimit(), sequence.hardLimit())).isLessThanOrEqualTo(0);
    }

    @ParameterizedTest(name = "first {0}, esn {1}")
    @CsvSource({
        "0, false",
        "0, true",
        "100000000, false",
    })
    void refusesAFirstNumberThatIsNeverSent(final String firstText, final boolean esn)
    {
        final long first = Long.parseUnsignedLong(firstText, 16);

        assertThatThrownBy(() -> new OutboundSequence(first, esn, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("first outbound sequence number " + Long.toUnsignedString(first))
            .hasMessageContaining("expected 1 to");
    }

    @Test
    void refusesSoftLimitsOutOfRange()
    {
        assertThatThrownBy(() -> new OutboundSequence(1, false, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rekey threshold 0");
        assertThatThrownBy(() -> new OutboundSequence(1, false, 0x1_0000_0000L))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
        assertThatThrownBy(() -> OutboundSequence.withMargin(1, false, 0xFFFF_FFFFL))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rekey margin");
        assertThatThrownBy(() -> OutboundSequence.withMargin(1, true, -1L))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rekey margin");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY})
    void refusesFractionsOutOfRange(final double fraction)
    {
        assertThatThrownBy(() -> OutboundSequence.withFraction(1, true, fraction))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("rekey fraction");
    }
}
