package io.torii.perf.jmh.esp;

import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;

/**
 * The SAs the ESP benchmarks install: tunnel mode between two IPv4 documentation addresses, no UDP
 * encapsulation, no TFC padding, with deterministic keys so that every run protects the same bytes.
 *
 * <p>Both directions use 64-bit extended sequence numbers, so the outbound SA cannot run out of
 * numbers however long JMH runs. The inbound SA has replay checks off (window 0, which
 * {@link SaConfig} allows): the decrypt benchmark decrypts the same pool of packets over and over,
 * which a window would reject as replays after the first pass. Checking a window costs a few
 * nanoseconds per packet next to the ICV check, so the score hardly changes.
 */
public final class BenchSas
{
    /** The SPI of both SAs. */
    public static final int SPI = 0x0000_B001;

    private static final long KEY_SEED = 0x70_72_69_69L;

    private BenchSas()
    {
    }

    /**
     * @param suite an ESP proposal in strongSwan's words, such as {@code aes128gcm16}.
     * @return the outbound SA for it, sequence numbers starting at 1.
     */
    public static SaConfig outbound(final String suite)
    {
        return config("bench-out", suite);
    }

    /**
     * @param suite the same proposal as the outbound SA's.
     * @return the matching inbound SA, same keys, replay checks off.
     */
    public static SaConfig inbound(final String suite)
    {
        return config("bench-in", suite);
    }

    private static SaConfig config(final String name, final String suite)
    {
        final Proposal proposal = Proposal.parse(suite, false);
        // Fresh arrays each call: the SA table zeroes a config's keys when it removes the SA.
        final SplittableRandom keys = new SplittableRandom(KEY_SEED);
        final byte[] encryptionKey = new byte[proposal.encryption().keyMaterialLength()];
        final byte[] integrityKey = new byte[proposal.integrity().keyLength()];
        keys.nextBytes(encryptionKey);
        keys.nextBytes(integrityKey);
        return new SaConfig(name, SPI, address(192, 0, 2, 1), address(192, 0, 2, 2), IpsecProtocol.ESP,
            IpsecMode.TUNNEL, false, SaConfig.NAT_T_PORT, SaConfig.NAT_T_PORT, proposal.encryption(),
            proposal.integrity(), encryptionKey, integrityKey, true, 0, 0, 0);
    }

    private static InetAddress address(final int a, final int b, final int c, final int d)
    {
        try
        {
            return InetAddress.getByAddress(new byte[]{(byte)a, (byte)b, (byte)c, (byte)d});
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("four bytes are always an IPv4 address", ex);
        }
    }
}
