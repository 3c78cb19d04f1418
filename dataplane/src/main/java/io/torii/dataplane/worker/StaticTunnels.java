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
        for (final TunnelConfig tunnel : config.tunnels())
        {
            try
            {
                final List<TrafficSelector> local = TrafficSelector.parseList(tunnel.localTs());
                final List<TrafficSelector> remote = TrafficSelector.parseList(tunnel.remoteTs());
                final int out = table.install(espOnly(config.sa(tunnel.outbound())), Direction.OUTBOUND, engine);
                final int[] in = new int[tunnel.inbound().size()];
                for (int i = 0; i < in.length; i++)
                {
                    in[i] = table.install(espOnly(config.sa(tunnel.inbound().get(i))), Direction.INBOUND, engine);
                }
                tunnels.add(local, remote, out, in);
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                throw new SettingsException(tunnel.location(), "tunnel " + tunnel.name() + ": " + ex.getMessage(), ex);
            }
        }
    }

    private static SaConfig espOnly(final SaConfig sa)
    {
        if (sa.protocol() != IpsecProtocol.ESP)
        {
            throw new IllegalArgumentException("SA " + sa.name() + " is AH; tunnels through the worker carry ESP " +
                "(AH is available to torii pcap)");
        }
        return sa;
    }
}
