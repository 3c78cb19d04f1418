package io.torii.dataplane.worker;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import java.util.HexFormat;

/**
 * Daemon configurations for two gateways joined by one AH tunnel, for the worker tests:
 * <pre>
 *   tunnel mode:    10.1.0.0/24 -- [A] 192.0.2.1   ==== 192.0.2.2   [B] -- 10.2.0.0/24
 *                   fd01::/64   --     2001:db8::1 ==== 2001:db8::2     -- fd02::/64
 *   transport mode: A's own address ==== B's own address: traffic between the gateways themselves
 * </pre>
 * SA a-to-b has SPI 0x5100, b-to-a 0x5200; keys are fixed per algorithm.
 */
final class AhTunnelConfigs
{
    static final int SPI_A_TO_B = 0x5100;
    static final int SPI_B_TO_A = 0x5200;

    private AhTunnelConfigs()
    {
    }

    /** @return the wan address of gateway A or B for the outer family. */
    static String gateway(final boolean sideA, final boolean outerIpv6)
    {
        return outerIpv6 ? (sideA ? "2001:db8::1" : "2001:db8::2") : (sideA ? "192.0.2.1" : "192.0.2.2");
    }

    /** @return a host behind gateway A or B for the inner family. */
    static String host(final boolean sideA, final boolean innerIpv6, final int last)
    {
        return innerIpv6 ? (sideA ? "fd01::" : "fd02::") + Integer.toHexString(last) :
            (sideA ? "10.1.0." : "10.2.0.") + last;
    }

    /** @return an integrity key of the algorithm's length (RFC 4868 §2.1.1), distinct per direction. */
    static byte[] key(final String algorithm, final int direction)
    {
        final int length = switch (algorithm)
        {
            case "sha256" -> 32;
            case "sha384" -> 48;
            case "sha512" -> 64;
            default -> throw new IllegalArgumentException(algorithm);
        };
        final byte[] key = new byte[length];
        for (int i = 0; i < length; i++)
        {
            key[i] = (byte)(direction * 0x40 + i);
        }
        return key;
    }

    /**
     * @param sideA gateway A or B.
     * @param tunnelMode tunnel or transport.
     * @param outerIpv6 the SAs' (outer) address family.
     * @param innerIpv6 the family of the traffic, tunnel mode only.
     * @param algorithm sha256, sha384 or sha512.
     * @param wanKind the wan port kind written in the configuration.
     * @return the gateway's configuration.
     */
    static DaemonConfig config(final boolean sideA, final boolean tunnelMode, final boolean outerIpv6,
        final boolean innerIpv6, final String algorithm, final String wanKind)
    {
        final String a = gateway(true, outerIpv6);
        final String b = gateway(false, outerIpv6);
        final String aTs = tunnelMode ? (innerIpv6 ? "fd01::/64" : "10.1.0.0/24") : a + (outerIpv6 ? "/128" : "/32");
        final String bTs = tunnelMode ? (innerIpv6 ? "fd02::/64" : "10.2.0.0/24") : b + (outerIpv6 ? "/128" : "/32");
        return DaemonConfigReader.read("""
            dataplane {
              wan {
                port = %s
                address = %s
              }
              lan {
                port = tun
                interface = torii0
              }
            }
            sas {
              a-to-b {
                spi = 0x%x
                src = %s
                dst = %s
                protocol = ah
                mode = %s
                proposal = %s
                integ_key = 0x%s
              }
              b-to-a {
                spi = 0x%x
                src = %s
                dst = %s
                protocol = ah
                mode = %s
                proposal = %s
                integ_key = 0x%s
              }
            }
            tunnels {
              t {
                local_ts = %s
                remote_ts = %s
                out = %s
                in = %s
              }
            }
            """.formatted(wanKind, sideA ? a : b,
            SPI_A_TO_B, a, b, tunnelMode ? "tunnel" : "transport", algorithm, hex(key(algorithm, 1)),
            SPI_B_TO_A, b, a, tunnelMode ? "tunnel" : "transport", algorithm, hex(key(algorithm, 2)),
            sideA ? aTs : bTs, sideA ? bTs : aTs, sideA ? "a-to-b" : "b-to-a", sideA ? "b-to-a" : "a-to-b"),
            "ah-test.conf");
    }

    private static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }
}
