package io.torii.perf.jmh.worker;

import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.TrafficSelector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tunnels of the worker benchmarks, tunnel {@code t} of {@code n}: cleartext from the host
 * {@code 10.0.0.1 + t} on the LAN side to the host {@code 172.16.0.1 + t} behind the peer, each side a
 * /32 selector, carried by one outbound SA (SPI {@code 0x1000_0000 + t}) and one inbound SA (SPI
 * {@code 0x2000_0000 + t}), both {@value #SUITE} in tunnel mode between two documentation addresses.
 *
 * <p>Every SA has keys of its own, drawn from a seed and the SPI, so that the key schedules of 100,000
 * SAs really are 100,000 different ones in memory. Outbound SAs use extended sequence numbers, so they
 * never run out however long JMH runs; inbound SAs have replay checks off (window 0), so the same
 * ciphertexts can be decrypted again on every pass of the pool. Set-up code only: allocates freely.
 */
public final class BenchTunnels
{
    /** The ESP proposal of every SA: the one the dataplane's targets are set for. */
    public static final String SUITE = "aes128gcm16";
    /** The most tunnels: the hosts of 172.16.0.0/12 after 172.16.0.0. */
    public static final int MAX_TUNNELS = (1 << 20) - 2;

    private static final int LOCAL_FIRST = 10 << 24 | 1;
    private static final int REMOTE_FIRST = 172 << 24 | 16 << 16 | 1;
    private static final int OUTBOUND_SPI_BASE = 0x1000_0000;
    private static final int INBOUND_SPI_BASE = 0x2000_0000;
    private static final long KEY_SEED = 0x74_6F_72_69_69L;
    private static final int GATEWAY = 192 << 24 | 2 << 8 | 1;
    private static final int PEER = 192 << 24 | 2 << 8 | 2;
    private static final int HOST_PREFIX = 32;

    private BenchTunnels()
    {
    }

    /**
     * @param count how many tunnels a benchmark asks for.
     * @return {@code count}, checked.
     * @throws IllegalArgumentException when it is not from 1 to {@link #MAX_TUNNELS}.
     */
    public static int check(final int count)
    {
        if (count < 1 || count > MAX_TUNNELS)
        {
            throw new IllegalArgumentException("tunnels " + count + ": expected 1 to " + MAX_TUNNELS);
        }
        return count;
    }

    /** @return the LAN-side host of a tunnel, as an IPv4 address in an int. */
    public static int localHost(final int tunnel)
    {
        return LOCAL_FIRST + tunnel;
    }

    /** @return the host behind the peer of a tunnel, as an IPv4 address in an int. */
    public static int remoteHost(final int tunnel)
    {
        return REMOTE_FIRST + tunnel;
    }

    /** @return the SPI of a tunnel's inbound SA. */
    public static int inboundSpi(final int tunnel)
    {
        return INBOUND_SPI_BASE + tunnel;
    }

    /** @return the tunnel's local selector: its LAN host alone. */
    public static List<TrafficSelector> localSelectors(final int tunnel)
    {
        return List.of(host(localHost(tunnel)));
    }

    /** @return the tunnel's remote selector: the host behind the peer alone. */
    public static List<TrafficSelector> remoteSelectors(final int tunnel)
    {
        return List.of(host(remoteHost(tunnel)));
    }

    /**
     * @param tunnel the tunnel.
     * @return its outbound SA, fresh key arrays each call (a table zeroes them on removal).
     */
    public static SaConfig outbound(final int tunnel)
    {
        return config("out-" + tunnel, OUTBOUND_SPI_BASE + tunnel, GATEWAY, PEER);
    }

    /**
     * The inbound SA of a tunnel; installed as an outbound SA in a peer's table it also makes the
     * ciphertexts the gateway receives.
     *
     * @param tunnel the tunnel.
     * @return its inbound SA, fresh key arrays each call.
     */
    public static SaConfig inbound(final int tunnel)
    {
        return config("in-" + tunnel, inboundSpi(tunnel), PEER, GATEWAY);
    }

    private static SaConfig config(final String name, final int spi, final int source, final int destination)
    {
        final Proposal proposal = Proposal.parse(SUITE, false);
        final SplittableRandom keys = new SplittableRandom(KEY_SEED ^ spi);
        final byte[] encryptionKey = new byte[proposal.encryption().keyMaterialLength()];
        final byte[] integrityKey = new byte[proposal.integrity().keyLength()];
        keys.nextBytes(encryptionKey);
        keys.nextBytes(integrityKey);
        return new SaConfig(name, spi, address(source), address(destination), IpsecProtocol.ESP, IpsecMode.TUNNEL,
            false, SaConfig.NAT_T_PORT, SaConfig.NAT_T_PORT, proposal.encryption(), proposal.integrity(),
            encryptionKey, integrityKey, true, 0, 0, 0);
    }

    private static TrafficSelector host(final int address)
    {
        return TrafficSelector.ofSubnet(address(address), HOST_PREFIX, TrafficSelector.ANY_PROTOCOL,
            TrafficSelector.MIN_PORT, TrafficSelector.MAX_PORT);
    }

    private static InetAddress address(final int value)
    {
        try
        {
            return InetAddress.getByAddress(new byte[]{
                (byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value});
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("four bytes are always an IPv4 address", ex);
        }
    }
}
