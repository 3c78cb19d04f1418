package io.torii.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drives {@link ReplayWindow} and a plain reference model (a sorted set of the accepted numbers and the
 * highest) with the same random arrivals: reordering within and just outside the window, duplicates,
 * small and far jumps, forged packets whose ICV fails (checked, never committed), across the point where a
 * signed long turns negative. Fixed seeds, so a failure repeats.
 */
class ReplayWindowModelTest
{
    private static final int STEPS = 200_000;

    @ParameterizedTest(name = "size {0}, seed {1}, start {2}")
    @CsvSource({
        "0, 1, 0",
        "1, 2, 0",
        "32, 3, 0",
        "64, 4, 0",
        "64, 5, 9223372036854700000",
        "65, 6, 0",
        "100, 7, 4294960000",
        "128, 8, 0",
        "1000, 9, 0",
        "1024, 10, 9223372036854700000",
        "4096, 11, 0",
        "65536, 12, 0",
    })
    void agreesWithTheReferenceModel(final int size, final long seed, final String start)
    {
        final long first = Long.parseUnsignedLong(start);
        final SplittableRandom random = new SplittableRandom(seed);
        final ReplayWindow window = new ReplayWindow(size, first);
        final Model model = new Model(size, first);
        final int bits = Math.max(window.bitmapBits(), 64);
        final long[] recent = new long[16];
        int accepted = 0;
        int duplicates = 0;
        int tooOld = 0;

        for (int step = 0; step < STEPS; step++)
        {
            final long sequence = pick(random, model.highest, Math.max(size, 1), bits, recent);
            final int expected = model.check(sequence);
            final int actual = window.check(sequence);
            if (actual != expected)
            {
                assertThat(actual).as("step %d: sequence %s, T %s", step, Long.toUnsignedString(sequence),
                    Long.toUnsignedString(model.highest)).isEqualTo(expected);
            }
            final boolean icvVerified = random.nextInt(10) != 0;
            if (expected == ReplayWindow.OK && icvVerified)
            {
                window.commit(sequence);
                model.commit(sequence);
                recent[step & (recent.length - 1)] = sequence;
                accepted++;
            }
            duplicates += expected == ReplayWindow.DUPLICATE ? 1 : 0;
            tooOld += expected == ReplayWindow.TOO_OLD ? 1 : 0;
            if (window.highest() != model.highest)
            {
                assertThat(window.highest()).as("T after step %d", step).isEqualTo(model.highest);
            }
        }

        // The walk must have exercised every outcome, or the comparison proved little.
        assertThat(accepted).isGreaterThan(STEPS / 4);
        if (size > 0)
        {
            assertThat(duplicates).isGreaterThan(STEPS / 50);
            assertThat(tooOld).isGreaterThan(STEPS / 50);
        }
    }

    private static long pick(
        final SplittableRandom random, final long highest, final int size, final int bits, final long[] recent)
    {
        final int kind = random.nextInt(100);
        if (kind < 40)
        {
            // Reordered: anywhere in the window, or a little past its bottom.
            final long back = random.nextLong(size + size / 4 + 2);
            return Long.compareUnsigned(back, highest) <= 0 ? highest - back : random.nextInt(3);
        }
        if (kind < 70)
        {
            // In order or slightly ahead.
            return highest + 1 + random.nextLong(Math.min(size, 64) + 1);
        }
        if (kind < 85)
        {
            // A replay of something recently accepted (or an early number while the buffer fills).
            return recent[random.nextInt(recent.length)];
        }
        if (kind < 95)
        {
            // Ahead by around a word, the window or the whole ring: slides that clear some words.
            final int[] steps = {63, 64, 65, size - 1, size, size + 1, bits - 64, bits - 1, bits, bits + 1};
            return highest + steps[random.nextInt(steps.length)];
        }
        if (kind < 99)
        {
            // Far ahead: clears the whole ring.
            return highest + bits * (2L + random.nextInt(5)) + random.nextInt(64);
        }
        return random.nextInt(3);
    }

    /** The obvious implementation: every accepted number in a set. */
    private static final class Model
    {
        private final int size;
        private final long initialHighest;
        private final TreeSet<Long> accepted = new TreeSet<>(Long::compareUnsigned);
        private long highest;

        Model(final int size, final long initialHighest)
        {
            this.size = size;
            this.initialHighest = initialHighest;
            this.highest = initialHighest;
        }

        int check(final long sequence)
        {
            if (size == 0)
            {
                return ReplayWindow.OK;
            }
            if (sequence == 0)
            {
                return ReplayWindow.TOO_OLD;
            }
            if (Long.compareUnsigned(sequence, highest) > 0)
            {
                return ReplayWindow.OK;
            }
            if (Long.compareUnsigned(highest - sequence, size) >= 0)
            {
                return ReplayWindow.TOO_OLD;
            }
            // Everything up to the initial highest counts as received.
            final boolean seen = accepted.contains(sequence) || Long.compareUnsigned(sequence, initialHighest) <= 0;
            return seen ? ReplayWindow.DUPLICATE : ReplayWindow.OK;
        }

        void commit(final long sequence)
        {
            accepted.add(sequence);
            if (Long.compareUnsigned(sequence, highest) > 0)
            {
                highest = sequence;
                if (Long.compareUnsigned(highest, size) >= 0)
                {
                    // Keep the set small: what fell out of the window can never matter again.
                    accepted.headSet(highest - size, true).clear();
                }
            }
        }
    }
}
