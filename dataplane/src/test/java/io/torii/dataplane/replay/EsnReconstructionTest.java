package io.torii.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4303 Appendix A2.2. Numbers are hex, the 64-bit ones written as {@code high_low} with the two
 * 32-bit halves apart so the subspace (Seqh) reads at a glance.
 */
class EsnReconstructionTest
{
    @ParameterizedTest(name = "Seql {0}, T {1}, W {2} -> {3}")
    @CsvSource({
        // Case A, Tl >= W - 1: window [Bl, Tl] = [0xFC1, 0x1000] within subspace 1.
        "00001000, 1_00001000, 64, 1_00001000",
        "00001001, 1_00001000, 64, 1_00001001",
        "00000FC1, 1_00001000, 64, 1_00000FC1",
        "FFFFFFFF, 1_00001000, 64, 1_FFFFFFFF",
        "00000FC0, 1_00001000, 64, 2_00000FC0",
        "00000000, 1_00001000, 64, 2_00000000",
        // Case A at its edge: Tl = W - 1, so Bl = 0 and nothing wraps.
        "00000000, 1_0000003F, 64, 1_00000000",
        "0000003F, 1_0000003F, 64, 1_0000003F",
        "FFFFFFFF, 1_0000003F, 64, 1_FFFFFFFF",
        // Case B, Tl < W - 1: window [Bl, Tl] = [0xFFFFFFC6 of subspace 0, 5 of subspace 1].
        "FFFFFFC6, 1_00000005, 64, 0_FFFFFFC6",
        "FFFFFFFF, 1_00000005, 64, 0_FFFFFFFF",
        "00000000, 1_00000005, 64, 1_00000000",
        "00000005, 1_00000005, 64, 1_00000005",
        "00000006, 1_00000005, 64, 1_00000006",
        "FFFFFFC5, 1_00000005, 64, 1_FFFFFFC5",
        // Case B at its edge: Tl = W - 2.
        "FFFFFFFF, 7_0000003E, 64, 6_FFFFFFFF",
        "FFFFFFFE, 7_0000003E, 64, 7_FFFFFFFE",
        // T just below the 2^32 boundary: low numbers after the wrap, late ones from before it.
        "00000005, 0_FFFFFFF0, 64, 1_00000005",
        "00000000, 0_FFFFFFF0, 64, 1_00000000",
        "FFFFFFB1, 0_FFFFFFF0, 64, 0_FFFFFFB1",
        "FFFFFFF5, 0_FFFFFFF0, 64, 0_FFFFFFF5",
        "FFFFFFFF, 0_FFFFFFF0, 64, 0_FFFFFFFF",
        "FFFFFFB0, 0_FFFFFFF0, 64, 1_FFFFFFB0",
        // T just after the boundary: late packets from before the wrap, new ones after.
        "FFFFFFF0, 1_00000003, 64, 0_FFFFFFF0",
        "00000002, 1_00000003, 64, 1_00000002",
        "00000010, 1_00000003, 64, 1_00000010",
        // T in the first window, Th = 0: there is no earlier subspace, the number can only be ahead.
        "FFFFFFC6, 0_00000005, 64, 0_FFFFFFC6",
        "00000003, 0_00000005, 64, 0_00000003",
        "00000006, 0_00000005, 64, 0_00000006",
        "00000001, 0_00000000, 64, 0_00000001",
        "FFFFFFFF, 0_00000000, 64, 0_FFFFFFFF",
        // The last subspace: the counter never cycles, so a number below the window stays in it.
        "00000000, FFFFFFFF_00001000, 64, FFFFFFFF_00000000",
        "00001001, FFFFFFFF_00001000, 64, FFFFFFFF_00001001",
        // Window of 2^20: case B until Tl reaches 0xFFFFF.
        "FFF00001, 3_00000000, 1048576, 2_FFF00001",
        "FFF00000, 3_00000000, 1048576, 3_FFF00000",
        "FFF00000, 3_000FFFFF, 1048576, 3_FFF00000",
        "00000000, 3_000FFFFF, 1048576, 3_00000000",
        "00000000, 3_00100000, 1048576, 4_00000000",
        "00000001, 3_00100000, 1048576, 3_00000001",
        // Replay checks off (W = 0): the number nearest T, late by up to 2^31 - 1 or ahead by up to 2^31.
        "00000010, 1_00000010, 0, 1_00000010",
        "80000010, 1_00000010, 0, 1_80000010",
        "80000011, 1_00000010, 0, 0_80000011",
        "00000011, 1_80000010, 0, 1_00000011",
        "00000010, 1_80000010, 0, 2_00000010",
    })
    void infersTheHighOrderBits(final String low, final String highest, final int window, final String expected)
    {
        final long full = EsnReconstruction.infer((int)hex(low), hex(highest), window);

        assertThat(Long.toHexString(full)).isEqualTo(Long.toHexString(hex(expected)));
        assertThat(EsnReconstruction.reconstruct((int)hex(low), hex(highest), window, true)).isEqualTo(full);
    }

    @ParameterizedTest(name = "Seql {0}")
    @ValueSource(strings = {"00000000", "00000001", "7FFFFFFF", "80000000", "FFFFFFFF"})
    void withoutEsnTheNumberIsTheUnsignedField(final String low)
    {
        final int field = (int)hex(low);

        assertThat(EsnReconstruction.reconstruct(field, hex("5_00000000"), 64, false)).isEqualTo(hex(low));
        assertThat(EsnReconstruction.reconstruct(field, 0xFFFF_FFFFL, 64, false)).isEqualTo(hex(low));
    }

    /**
     * The appendix's promise: any number from {@code T - W + 1} to {@code T - W + 2^32} comes back whole
     * from its low 32 bits, for T anywhere (away from the ends of the 64-bit space, handled above).
     */
    @Test
    void recoversEveryNumberTheAppendixCovers()
    {
        final SplittableRandom random = new SplittableRandom(4303);
        final int[] windows = {1, 32, 64, 65, 1000, 1024, 65536, 1 << 20};
        for (int i = 0; i < 200_000; i++)
        {
            final int window = windows[random.nextInt(windows.length)];
            final long highest = pickHighest(random);
            final long sequence = switch (random.nextInt(4))
            {
                case 0 -> highest - window + 1 + random.nextLong(Math.min(window, 70));
                case 1 -> highest - window + (1L << 32) - random.nextLong(70);
                default -> highest - window + 1 + random.nextLong(1L << 32);
            };

            final long inferred = EsnReconstruction.infer((int)sequence, highest, window);

            if (inferred != sequence)
            {
                assertThat(Long.toHexString(inferred)).as("T %x, W %d", highest, window)
                    .isEqualTo(Long.toHexString(sequence));
            }
        }
    }

    private static long pickHighest(final SplittableRandom random)
    {
        final long high = 1 + random.nextLong(0xFFFF_FFFEL - 1);
        final long low = switch (random.nextInt(4))
        {
            // Near the subspace's start, where the window spans two subspaces, and near its end.
            case 0 -> random.nextLong(1L << 21);
            case 1 -> 0xFFFF_FFFFL - random.nextLong(1L << 21);
            default -> random.nextLong(1L << 32);
        };
        return high << 32 | low;
    }

    private static long hex(final String text)
    {
        return Long.parseUnsignedLong(text.replace("_", "").trim(), 16);
    }
}
