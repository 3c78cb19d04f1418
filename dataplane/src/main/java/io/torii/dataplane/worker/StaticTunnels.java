package io.torii.dataplane.worker;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.TunnelConfig;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.TrafficSelector;
import java.util.List;

/**
 * Installs a configuration's manually keyed SAs and tunnels into one worker's tables: each
 * tunnel's {@code out} SA outbound, its {@code in} SAs inbound, and its selectors as policies.
 */
public final class StaticTunnels
{
    /** The WAN path MTU assumed when the configuration gives none: Ethernet's. */
    public static final int DEFAULT_PATH_MTU = 1500;

    private StaticTunnels()
    {
    }

    /**
     * @param config the daemon's configuration.
     * @param table the worker's SA table, with room for every SA.
     * @param tunnels the worker's tunnels.
     * @param engine the crypto engine to prepare keys with.
     * @throws SettingsException naming the tunnel's file and line when its selectors or SAs are wrong.
     */
    public static void install(final DaemonConfig config, final SaTable table, final TunnelTable tunnels,
        final CryptoEngine engine)
    {
        install(config, table, tunnels, engine, new ShardMap(1), 0);
    }

    /**
     * Installs the tunnels one worker of several owns (its SAs and policies) and the policies of the
     * others' tunnels, and records in {@code shards} who owns which inbound SPI.
     *
     * @param shards the workers' shard map, filled as tunnels are installed.
     * @param workerId this worker's id.
     */
    public static void install(final DaemonConfig config, final SaTable table, final TunnelTable tunnels,
        final CryptoEngine engine, final ShardMap shards, final int workerId)
    {
        for (int index = 0; index < config.tunnels().size(); index++)
        {
            final TunnelConfig tunnel = config.tunnels().get(index);
            try
            {
                final List<TrafficSelector> local = TrafficSelector.parseList(tunnel.localTs());
                final List<TrafficSelector> remote = TrafficSelector.parseList(tunnel.remoteTs());
                for (final String inbound : tunnel.inbound())
                {
                    shards.inboundSpi(config.sa(inbound).spi(), index);
                }
                if (shards.ownerOfTunnel(index) != workerId)
                {
                    tunnels.addForeign(local, remote);
                    continue;
                }
                final int out = table.install(carried(config, config.sa(tunnel.outbound())), Direction.OUTBOUND,
                    engine);
                final int[] in = new int[tunnel.inbound().size()];
                for (int i = 0; i < in.length; i++)
                {
                    in[i] = table.install(carried(config, config.sa(tunnel.inbound().get(i))), Direction.INBOUND,
                        engine);
                }
                final int pathMtu = config.wan().mtu() > 0 ? config.wan().mtu() : DEFAULT_PATH_MTU;
                tunnels.add(local, remote, out, in, InnerMtu.of(pathMtu, table, out));
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                throw new SettingsException(tunnel.location(), "tunnel " + tunnel.name() + ": " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * AH travels straight over IP (protocol 51): RFC 3948 encapsulates ESP only, so a UDP WAN port
     * cannot carry it. Raw WAN ports receive AH on a socket of their own ({@link Ports}).
     */
    private static SaConfig carried(final DaemonConfig config, final SaConfig sa)
    {
        if (sa.protocol() == IpsecProtocol.AH && config.wan().kind().equals("udp"))
        {
            throw new IllegalArgumentException("SA " + sa.name() + " is AH, which cannot cross the wan port = udp " +
                "at " + config.wan().location() + " (AH is never UDP-encapsulated, RFC 3948 covers ESP only); " +
                "use wan port = raw, or ESP");
        }
        return sa;
    }
}
