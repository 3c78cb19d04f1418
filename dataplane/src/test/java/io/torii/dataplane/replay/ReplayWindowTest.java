package io.torii.dataplane.replay;

import static io.torii.dataplane.replay.ReplayWindow.DUPLICATE;
import static io.torii.dataplane.replay.ReplayWindow.OK;
import static io.torii.dataplane.replay.ReplayWindow.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.status.Disposition;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest
{
    /** Window sizes the edge tests run over: the RFC's 32 and 64, odd sizes, word multiples, the largest. */
    static Stream<Integer> sizes()
    {
        return Stream.of(1, 32, 63, 64, 65, 127, 128, 129, 1000, 1024, 65536, 1 << 20);
    }

    /** Highest numbers at different places in a word, and in the upper half of the unsigned range. */
    static Stream<Arguments> sizesAndHighests()
    {
        return sizes().flatMap(size -> Stream.of(
            Arguments.of(size, 3_000_000L),
            Arguments.of(size, 3_000_063L),
            Arguments.of(size, 3_000_064L),
            Arguments.of(size, 3_000_001L + size),
            Arguments.of(size, 0x8000_0000_0000_0000L + 17),
            Arguments.of(size, 0xFFFF_FFFF_0000_0000L)));
    }

    @ParameterizedTest(name = "size {0} -> {1} bits")
    @CsvSource({
        "0, 0",
        "1, 128",
        "32, 128",
        "64, 128",
        "65, 256",
        "128, 256",
        "129, 256",
        "192, 256",
        "193, 512",
        "1024, 2048",
        "65536, 131072",
        "1048576, 2097152",
    })
    void bitmapHasOneSpareWordRoundedToAPowerOfTwo(final int size, final int bits)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);

        assertThat(window.size()).isEqualTo(size);
        assertThat(window.bitmapBits()).isEqualTo(bits);
        assertThat(window.highest()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE, (1 << 20) + 1, Integer.MAX_VALUE})
    void refusesSizesOutOfRange(final int size)
    {
        assertThatThrownBy(() -> new ReplayWindow(size, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(Integer.toString(size))
            .hasMessageContaining("1048576");
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void firstPacketIsOneAndZeroIsNeverValid(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);

        assertThat(window.check(0)).isEqualTo(TOO_OLD);
        assertThat(window.check(1)).isEqualTo(OK);
        assertThat(window.check(2)).isEqualTo(OK);
        window.commit(1);
        assertThat(window.highest()).isEqualTo(1);
        assertThat(window.check(1)).isEqualTo(DUPLICATE);
        assertThat(window.check(0)).isEqualTo(TOO_OLD);
        assertThat(window.check(2)).isEqualTo(OK);
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void firstPacketMayArriveAfterLaterOnes(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);

        window.commit(3);
        assertThat(window.check(1)).isEqualTo(size >= 3 ? OK : TOO_OLD);
        assertThat(window.check(2)).isEqualTo(size >= 2 ? OK : TOO_OLD);
        assertThat(window.check(3)).isEqualTo(DUPLICATE);
    }

    @ParameterizedTest(name = "size {0}, T {1}")
    @MethodSource("sizesAndHighests")
    void windowEdgesAfterAJumpToTheHighest(final int size, final long highest)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);
        window.commit(highest);

        assertThat(window.highest()).isEqualTo(highest);
        assertThat(window.check(highest)).isEqualTo(DUPLICATE);
        assertThat(window.check(highest + 1)).isEqualTo(OK);
        assertThat(window.check(highest - (size - 1))).as("W-1 behind").isEqualTo(size == 1 ? DUPLICATE : OK);
        assertThat(window.check(highest - size)).as("W behind").isEqualTo(TOO_OLD);
        assertThat(window.check(highest - size - 1)).isEqualTo(TOO_OLD);
        assertThat(window.check(highest - window.bitmapBits())).as("aliases T's bit").isEqualTo(TOO_OLD);
        assertThat(window.check(1)).isEqualTo(TOO_OLD);
        for (long behind = 1; behind < size; behind++)
        {
            if (window.check(highest - behind) != OK)
            {
                assertThat(window.check(highest - behind)).as("%d behind", behind).isEqualTo(OK);
            }
        }
    }

    @ParameterizedTest(name = "size {0}, T {1}")
    @MethodSource("sizesAndHighests")
    void bottomOfTheWindowIsCommittedAndThenSlidesOut(final int size, final long highest)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);
        window.commit(highest);
        final long bottom = highest - (size - 1);

        window.commit(bottom);
        assertThat(window.check(bottom)).isEqualTo(DUPLICATE);
        window.commit(highest + 1);
        assertThat(window.check(bottom)).isEqualTo(TOO_OLD);
        // With W <= 2 the number above the bottom is a committed one (T or the new T).
        assertThat(window.check(bottom + 1)).isEqualTo(size <= 2 ? DUPLICATE : OK);
        assertThat(window.highest()).isEqualTo(highest + 1);
    }

    @ParameterizedTest(name = "size {0}, T {1}")
    @MethodSource("sizesAndHighests")
    void initialHighestCountsEverythingUpToItAsReceived(final int size, final long highest)
    {
        final ReplayWindow window = new ReplayWindow(size, highest);

        assertThat(window.highest()).isEqualTo(highest);
        assertThat(window.check(highest)).isEqualTo(DUPLICATE);
        assertThat(window.check(highest - (size - 1))).isEqualTo(DUPLICATE);
        assertThat(window.check(highest - size)).isEqualTo(TOO_OLD);
        assertThat(window.check(highest + 1)).isEqualTo(OK);
        assertThat(window.check(highest + 64)).isEqualTo(OK);
        window.commit(highest + 2);
        assertThat(window.check(highest + 1)).isEqualTo(size >= 2 ? OK : TOO_OLD);
        assertThat(window.check(highest)).isEqualTo(size >= 3 ? DUPLICATE : TOO_OLD);
    }

    @Test
    void inWindowOutOfOrderPacketsAreAcceptedOnceEach()
    {
        final ReplayWindow window = new ReplayWindow(64, 0);
        final long[] arrivals = {10, 7, 3, 9, 64, 1, 2, 65, 8, 66, 4, 5, 6, 70};

        for (final long sequence : arrivals)
        {
            assertThat(window.check(sequence)).as("first %d", sequence).isEqualTo(OK);
            window.commit(sequence);
            assertThat(window.check(sequence)).as("again %d", sequence).isEqualTo(DUPLICATE);
        }
        assertThat(window.highest()).isEqualTo(70);
        // Now T = 70: 7..70 are in the window, 1..6 not.
        for (final long sequence : arrivals)
        {
            assertThat(window.check(sequence)).as("later %d", sequence).isEqualTo(sequence >= 7 ? DUPLICATE : TOO_OLD);
        }
        for (final long missing : new long[] {11, 12, 63, 67, 68, 69})
        {
            assertThat(window.check(missing)).as("missing %d", missing).isEqualTo(OK);
        }
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void checkWithoutCommitChangesNothing(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);
        final long base = 1_000_000;
        window.commit(base);
        window.commit(base - size / 2);
        final long[] probes = {0, 1, base - size - 5, base - size, base - size + 1, base - size / 2, base - 1, base,
            base + 1, base + 63, base + 64, base + size, base + 10L * window.bitmapBits(), -1L};
        final int[] before = new int[probes.length];
        for (int i = 0; i < probes.length; i++)
        {
            before[i] = window.check(probes[i]);
        }

        for (int round = 0; round < 3; round++)
        {
            for (final long probe : probes)
            {
                window.check(probe);
            }
        }

        assertThat(window.highest()).isEqualTo(base);
        for (int i = 0; i < probes.length; i++)
        {
            assertThat(window.check(probes[i])).as("probe %d", probes[i]).isEqualTo(before[i]);
        }
        assertThat(window.check(base + 1)).isEqualTo(OK);
    }

    /**
     * Fills the window completely, then jumps ahead: every number the jump brings into the window that was
     * never committed must be new, which catches words the slide forgot to clear (their stale bits would
     * read as duplicates) and words it cleared wrongly (committed numbers still inside would read as new).
     */
    @ParameterizedTest(name = "size {0}, jump {1}")
    @MethodSource("jumps")
    void jumpAfterAFullWindowKeepsExactlyTheCommittedNumbersStillInside(final int size, final long jump)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);
        final long start = 5_000_000_000L + 37;
        window.commit(start);
        for (long behind = 1; behind < size; behind++)
        {
            window.commit(start - behind);
        }
        final long target = start + jump;

        assertThat(window.check(target)).isEqualTo(OK);
        window.commit(target);

        assertThat(window.highest()).isEqualTo(target);
        assertThat(window.check(target)).isEqualTo(DUPLICATE);
        for (long behind = 1; behind <= size + 1; behind++)
        {
            final long sequence = target - behind;
            final int expected = behind >= size ? TOO_OLD : sequence <= start ? DUPLICATE : OK;
            final int actual = window.check(sequence);
            if (actual != expected)
            {
                assertThat(actual).as("%d behind the new T", behind).isEqualTo(expected);
            }
        }
    }

    static Stream<Arguments> jumps()
    {
        return Stream.of(64, 65, 128, 1024, 65536, 1 << 20).flatMap(size ->
        {
            final long bits = new ReplayWindow(size, 0).bitmapBits();
            return Stream.of(1L, 2L, 63L, 64L, 65L, size - 1L, (long)size, size + 1L, bits - 64, bits - 1, bits,
                bits + 1, bits + 64, 10 * bits + 3, 1L << 40)
                .map(jump -> Arguments.of(size, jump));
        });
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void jumpToTheTopOfTheUnsignedRange(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);
        window.commit(5);

        assertThat(window.check(-1L)).isEqualTo(OK);
        window.commit(-1L);

        assertThat(window.highest()).isEqualTo(-1L);
        assertThat(window.check(-1L)).isEqualTo(DUPLICATE);
        assertThat(window.check(5)).isEqualTo(TOO_OLD);
        assertThat(window.check(Long.MAX_VALUE)).as("signed-positive numbers are below").isEqualTo(TOO_OLD);
        assertThat(window.check(-1L - (size - 1))).isEqualTo(size == 1 ? DUPLICATE : OK);
        assertThat(window.check(-1L - size)).isEqualTo(TOO_OLD);
    }

    @Test
    void numbersAboveTwoToTheSixtyThreeAreAheadOfSmallerOnes()
    {
        final ReplayWindow window = new ReplayWindow(64, 0);
        window.commit(Long.MAX_VALUE);

        assertThat(window.check(Long.MIN_VALUE)).isEqualTo(OK);
        window.commit(Long.MIN_VALUE);
        assertThat(window.highest()).isEqualTo(Long.MIN_VALUE);
        assertThat(window.check(Long.MAX_VALUE)).isEqualTo(DUPLICATE);
        assertThat(window.check(Long.MAX_VALUE - 1)).isEqualTo(OK);
        assertThat(window.check(Long.MAX_VALUE - 63)).isEqualTo(TOO_OLD);
        window.commit(Long.MAX_VALUE - 1);
        assertThat(window.highest()).as("a late packet does not lower T").isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void commitBelowTheWindowDoesNotTouchTheNumberItsBitNowStandsFor(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size, 0);
        final long highest = 9_000_000;
        window.commit(highest);
        final long inside = highest - (size - 1) / 2 - (size == 1 ? 0 : 1);
        final long alias = inside - window.bitmapBits();

        window.commit(alias);
        window.commit(highest - size);

        assertThat(window.highest()).isEqualTo(highest);
        assertThat(window.check(inside)).isEqualTo(size == 1 ? DUPLICATE : OK);
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void checkAndCommitAcceptsOnceThenReportsTheReplay(final int size)
    {
        final long highest = 5_000_000;
        final ReplayWindow window = new ReplayWindow(size, highest);

        assertThat(window.checkAndCommit(highest + 1)).isEqualTo(OK);
        assertThat(window.checkAndCommit(highest + 1)).isEqualTo(DUPLICATE);
        assertThat(window.checkAndCommit(highest + 1 - size)).isEqualTo(TOO_OLD);
        assertThat(window.checkAndCommit(0)).isEqualTo(TOO_OLD);
        assertThat(window.highest()).isEqualTo(highest + 1);
        assertThat(window.checkAndCommit(highest + 3)).isEqualTo(OK);
        assertThat(window.checkAndCommit(highest + 2)).isEqualTo(size >= 2 ? OK : TOO_OLD);
        assertThat(window.checkAndCommit(highest + 2)).isEqualTo(size >= 2 ? DUPLICATE : TOO_OLD);
        assertThat(window.highest()).isEqualTo(highest + 3);
    }

    @Test
    void sizeZeroPassesEverythingAndStillTracksTheHighest()
    {
        final ReplayWindow window = new ReplayWindow(0, 0);

        for (final long sequence : new long[] {0, 1, 5, 5, 3, 1L << 40, 7, -1L, 2})
        {
            assertThat(window.check(sequence)).as("check %d", sequence).isEqualTo(OK);
            window.commit(sequence);
            assertThat(window.check(sequence)).as("again %d", sequence).isEqualTo(OK);
            assertThat(window.checkAndCommit(sequence)).isEqualTo(OK);
        }
        assertThat(window.highest()).isEqualTo(-1L);
    }

    @Test
    void sizeZeroHighestIsTheUnsignedMaximumOfTheCommittedNumbers()
    {
        final ReplayWindow window = new ReplayWindow(0, 10);

        window.commit(4);
        assertThat(window.highest()).isEqualTo(10);
        window.commit(11);
        assertThat(window.highest()).isEqualTo(11);
        window.commit(Long.MIN_VALUE);
        window.commit(Long.MAX_VALUE);
        assertThat(window.highest()).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @CsvSource({"0, OK", "1, REPLAY", "2, OUTSIDE_WINDOW"})
    void resultsMapToDispositions(final int result, final Disposition disposition)
    {
        assertThat(ReplayWindow.disposition(result)).isEqualTo(disposition);
    }
}
