package io.torii.cli;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsLocation;
import io.torii.ike.config.IkeAddress;
import io.torii.ike.config.IkeConnection;
import io.torii.ike.config.SwanctlReader;
import java.nio.file.Path;

/**
 * The dataplane settings {@code torii daemon --swanctl FILE} uses without {@code --config}: ESP in UDP on
 * port 4500 of the first connection's local address (the port that works with every peer here, NAT or
 * not), and a TUN device {@code torii0} with MTU 1400 for the cleartext side, as kernel-libipsec's
 * {@code ipsec0}.
 */
final class DefaultDaemonConfig
{
    /** The TUN device of the default configuration. */
    static final String TUN = "torii0";

    private DefaultDaemonConfig()
    {
    }

    /**
     * @param swanctl the swanctl.conf file.
     * @return the default configuration for its first connection's local address.
     * @throws SettingsException when no connection names one local address.
     */
    static DaemonConfig forSwanctl(final Path swanctl)
    {
        final var config = SwanctlReader.read(swanctl).config();
        try
        {
            for (final IkeConnection connection : config.connections().values())
            {
                for (final IkeAddress address : connection.localAddrs())
                {
                    if (address instanceof IkeAddress.Host host)
                    {
                        return DaemonConfigReader.read("""
                            dataplane {
                              wan {
                                port = udp
                                address = %s
                              }
                              lan {
                                port = tun
                                interface = %s
                                mtu = 1400
                              }
                            }
                            """.formatted(host.address().getHostAddress(), TUN), "default dataplane settings");
                    }
                }
            }
        }
        finally
        {
            config.destroySecrets();
        }
        throw new SettingsException(new SettingsLocation(swanctl.toString(), 0), "no connection has one local " +
            "address in local_addrs for the dataplane to use; set one, or give the dataplane --config FILE");
    }
}
