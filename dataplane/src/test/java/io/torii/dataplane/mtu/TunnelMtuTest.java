package io.torii.dataplane.mtu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TunnelMtuTest
{
    /**
     * Hand computations: room = MTU - ip - udp - 8 - iv - icv, rounded down to max(block, 4), minus 2.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                          mtu,  v6,    udp,   iv, block, icv, expected
        "'GCM-16 v4',                     1500, false, false, 8,  1,     16,  1446", // 1448 -> 1448 - 2
        "'GCM-16 v4 UDP',                 1500, false, true,  8,  1,     16,  1438", // 1440 -> 1440 - 2
        "'GCM-16 v6',                     1500, true,  false, 8,  1,     16,  1426", // 1428 -> 1428 - 2
        "'GCM-16 v6 UDP',                 1500, true,  true,  8,  1,     16,  1418", // 1420 -> 1420 - 2
        "'CBC-SHA256 v4',                 1500, false, false, 16, 16,    16,  1438", // 1440 -> 1440 - 2
        "'CBC-SHA256 v4 UDP',             1500, false, true,  16, 16,    16,  1422", // 1432 -> 1424 - 2
        "'CBC-SHA256 v6',                 1500, true,  false, 16, 16,    16,  1406", // 1420 -> 1408 - 2
        "'CBC-SHA256 v6 UDP',             1500, true,  true,  16, 16,    16,  1406", // 1412 -> 1408 - 2
        "'CBC-SHA1-96 v4',                1500, false, false, 16, 16,    12,  1438", // 1444 -> 1440 - 2
        "'GCM-16 v4 MTU 1400',            1400, false, false, 8,  1,     16,  1346", // 1348 -> 1348 - 2
        "'GCM-16 v4 odd MTU 1499',        1499, false, false, 8,  1,     16,  1442", // 1447 -> 1444 - 2
        "'NULL-SHA1-96 v4 (block 4)',     1500, false, false, 0,  4,     12,  1458", // 1460 -> 1460 - 2
        "'3DES-SHA1-96 v4 (block 8)',     1500, false, false, 8,  8,     12,  1446", // 1452 -> 1448 - 2
    })
    void innerMtuMatchesHandComputation(
        final String name,
        final int mtu,
        final boolean v6,
        final boolean udp,
        final int iv,
        final int block,
        final int icv,
        final int expected)
    {
        assertThat(TunnelMtu.innerMtu(mtu, v6, udp, iv, block, icv)).isEqualTo(expected);
    }

    @Test
    void innerMtuIsTheLargestPacketThatFitsForEveryMtu()
    {
        final int[][] suites = {{8, 1, 16}, {16, 16, 16}, {16, 16, 12}, {8, 8, 12}, {0, 4, 12}};
        for (final int[] suite : suites)
        {
            for (int ipVersion = 0; ipVersion < 2; ipVersion++)
            {
                for (int udp = 0; udp < 2; udp++)
                {
                    for (int mtu = 120; mtu <= 1600; mtu++)
                    {
                        final boolean v6 = ipVersion == 1;
                        final int inner = TunnelMtu.innerMtu(mtu, v6, udp == 1, suite[0], suite[1], suite[2]);
                        assertThat(outerLength(inner, v6, udp == 1, suite)).isLessThanOrEqualTo(mtu);
                        assertThat(outerLength(inner + 1, v6, udp == 1, suite)).isGreaterThan(mtu);
                    }
                }
            }
        }
    }

    /** Builds the outer length the long way: add padding byte by byte until the ciphertext is aligned. */
    private static int outerLength(final int inner, final boolean v6, final boolean udp, final int[] suite)
    {
        final int align = Math.max(4, suite[1]);
        int plaintext = inner + 2;
        while (plaintext % align != 0)
        {
            plaintext++;
        }
        return (v6 ? 40 : 20) + (udp ? 8 : 0) + 8 + suite[0] + plaintext + suite[2];
    }

    @Test
    void nothingFitsInATinyMtu()
    {
        assertThat(TunnelMtu.innerMtu(40, false, false, 16, 16, 16)).isZero();
        assertThat(TunnelMtu.innerMtu(0, true, true, 8, 1, 16)).isZero();
    }

    @Test
    void mssSubtractsIpAndTcpHeaders()
    {
        assertThat(TunnelMtu.mss(1446, false)).isEqualTo(1406);
        assertThat(TunnelMtu.mss(1426, true)).isEqualTo(1366);
        assertThat(TunnelMtu.mss(30, false)).isZero();
    }

    @Test
    void badParametersAreRejected()
    {
        assertThatThrownBy(() -> TunnelMtu.innerMtu(1500, false, false, 16, 12, 16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> TunnelMtu.innerMtu(1500, false, false, -1, 16, 16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IV");
        assertThatThrownBy(() -> TunnelMtu.innerMtu(-5, false, false, 8, 1, 16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MTU");
    }
}
