package io.torii.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The receive path as a worker runs it: only the low 32 bits arrive, {@link EsnReconstruction} infers the
 * rest from the window's highest, {@link ReplayWindow} checks, and commits what "verified".
 */
class EsnReplayWindowTest
{
    @ParameterizedTest(name = "W {0}, first {1}, seed {2}")
    @CsvSource({
        "64, 0x0FFFFFFC0, 1",
        "64, 0x1FFFFFFC0, 2",
        "64, 0x000000001, 3",
        "100, 0x2FFFFFF00, 4",
        "1024, 0x0FFFFFE00, 5",
        "65536, 0x0FFFF8000, 6",
        "1048576, 0x0FFF80000, 7",
    })
    void reorderedTrafficAcrossTheSubspaceBoundaryIsAcceptedOnceAndReplaysAreNot(
        final int size, final String firstText, final long seed)
    {
        final long first = Long.decode(firstText);
        final int count = Math.max(3 * size, 300);
        final long[] arrivals = reordered(first, count, size / 2, new SplittableRandom(seed));
        final ReplayWindow window = new ReplayWindow(size, first - 1);

        for (final long sequence : arrivals)
        {
            final long full = EsnReconstruction.infer((int)sequence, window.highest(), window.size());
            if (full != sequence || window.check(full) != ReplayWindow.OK)
            {
                assertThat(Long.toHexString(full)).as("T %x", window.highest()).isEqualTo(Long.toHexString(sequence));
                assertThat(window.check(full)).as("%x", full).isEqualTo(ReplayWindow.OK);
            }
            window.commit(full);
        }
        final long last = first + count - 1;
        assertThat(window.highest()).isEqualTo(last);

        // Every packet again. Those still in the window are replays. Older ones cannot be told from numbers
        // 2^32 further on, so they come back in the next subspace: new to the window, but with Seqh wrong the
        // ICV fails them. None is taken for the number it was.
        for (final long sequence : arrivals)
        {
            final long full = EsnReconstruction.infer((int)sequence, window.highest(), window.size());
            final boolean inWindow = last - sequence < size;
            final long expectedFull = inWindow ? sequence : sequence + (1L << 32);
            final int expected = inWindow ? ReplayWindow.DUPLICATE : ReplayWindow.OK;
            if (full != expectedFull || window.check(full) != expected)
            {
                assertThat(Long.toHexString(full)).as("replay of %x", sequence)
                    .isEqualTo(Long.toHexString(expectedFull));
                assertThat(window.check(full)).as("replay of %x", sequence).isEqualTo(expected);
            }
        }
    }

    @Test
    void latePacketFromBeforeTheWrapIsAcceptedAfterTheWindowCrossed()
    {
        final ReplayWindow window = new ReplayWindow(64, 0xFFFF_FFF0L);
        final long[] arrivals = {0xFFFF_FFF1L, 0xFFFF_FFF2L, 0x1_0000_0000L, 0x1_0000_0005L, 0xFFFF_FFF8L,
            0x1_0000_0001L, 0xFFFF_FFFFL, 0x1_0000_0020L};

        for (final long sequence : arrivals)
        {
            final long full = EsnReconstruction.infer((int)sequence, window.highest(), window.size());
            assertThat(Long.toHexString(full)).isEqualTo(Long.toHexString(sequence));
            assertThat(window.checkAndCommit(full)).as("%x", sequence).isEqualTo(ReplayWindow.OK);
        }

        // T = 0x1_00000020: the window reaches back to 0x0_FFFFFFE1.
        final long highest = window.highest();
        assertThat(highest).isEqualTo(0x1_0000_0020L);
        assertThat(check(window, 0xFFFF_FFF3)).isEqualTo(ReplayWindow.OK);
        assertThat(check(window, 0xFFFF_FFE1)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(check(window, 0xFFFF_FFF8)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(check(window, 0x0000_0005)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(check(window, 0x0000_0004)).isEqualTo(ReplayWindow.OK);
        assertThat(check(window, 0x0000_0021)).isEqualTo(ReplayWindow.OK);
        // Below the window's bottom in subspace 0: inferred as subspace 1, far ahead; the ICV will decide.
        assertThat(EsnReconstruction.infer(0xFFFF_FFE0, highest, 64)).isEqualTo(0x1_FFFF_FFE0L);
    }

    @Test
    void withoutEsnNumbersNeverWrapPastTheLimit()
    {
        final ReplayWindow window = new ReplayWindow(64, 0xFFFF_FFF0L);
        window.commit(EsnReconstruction.reconstruct(0xFFFF_FFFF, window.highest(), 64, false));

        assertThat(window.highest()).isEqualTo(0xFFFF_FFFFL);
        assertThat(window.check(EsnReconstruction.reconstruct(0, window.highest(), 64, false)))
            .isEqualTo(ReplayWindow.TOO_OLD);
        assertThat(window.check(EsnReconstruction.reconstruct(5, window.highest(), 64, false)))
            .isEqualTo(ReplayWindow.TOO_OLD);
        assertThat(window.check(EsnReconstruction.reconstruct(0xFFFF_FFFE, window.highest(), 64, false)))
            .isEqualTo(ReplayWindow.OK);
    }

    @Test
    void forgedFarAheadPacketThatFailsTheIcvLeavesTheSubspaceAlone()
    {
        final ReplayWindow window = new ReplayWindow(64, 0x3_0000_1000L);
        final long forged = EsnReconstruction.infer(0x0000_0010, window.highest(), 64);

        assertThat(forged).isEqualTo(0x4_0000_0010L);
        assertThat(window.check(forged)).isEqualTo(ReplayWindow.OK);
        // No commit: the ICV failed.
        assertThat(EsnReconstruction.infer(0x0000_1001, window.highest(), 64)).isEqualTo(0x3_0000_1001L);
        assertThat(window.highest()).isEqualTo(0x3_0000_1000L);
    }

    private static int check(final ReplayWindow window, final int low)
    {
        return window.check(EsnReconstruction.infer(low, window.highest(), window.size()));
    }

    /** {@code count} numbers from {@code first}, each moved at most {@code displacement} places. */
    private static long[] reordered(final long first, final int count, final int displacement,
        final SplittableRandom random)
    {
        final int[] keys = IntStream.range(0, count).map(i -> i + random.nextInt(displacement + 1)).toArray();
        return IntStream.range(0, count).boxed()
            .sorted(Comparator.comparingInt(i -> keys[i]))
            .mapToLong(i -> first + i)
            .toArray();
    }

    @Test
    void reorderingHelperKeepsEveryNumberOnce()
    {
        final long[] arrivals = reordered(10, 500, 32, new SplittableRandom(9));
        final long[] sorted = arrivals.clone();
        Arrays.sort(sorted);

        assertThat(sorted).isEqualTo(LongStream.range(10, 510).toArray());
        assertThat(arrivals).isNotEqualTo(sorted);
    }
}
