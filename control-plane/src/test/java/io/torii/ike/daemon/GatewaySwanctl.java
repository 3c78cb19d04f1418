package io.torii.ike.daemon;

import io.torii.ike.config.PskSwanctl;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.util.List;

/**
 * The connection "gw" that the daemon and shard tests give both gateways: fixed addresses, AES-GCM with
 * X25519, pre-shared key; each test adds its children and extra lines.
 */
public final class GatewaySwanctl
{
    private GatewaySwanctl()
    {
    }

    /**
     * @param self this gateway's address.
     * @param peer the other's.
     * @param selfId this gateway's identity.
     * @param peerId the other's.
     * @return the connection, still without children.
     */
    public static PskSwanctl gateway(final String self, final String peer, final String selfId, final String peerId)
    {
        return new PskSwanctl("gw", "aes256gcm16-prfsha256-x25519", selfId, peerId)
            .line("local_addrs = " + self)
            .line("remote_addrs = " + peer)
            .secret("shared-secret-of-the-test");
    }

    /**
     * @param text a swanctl.conf.
     * @param fallback the local address of connections whose local_addrs name no single host.
     * @param schedule the retransmission schedule.
     * @return its connections.
     */
    static List<Connection> connections(final String text, final InetAddress fallback,
        final RetransmitSchedule schedule)
    {
        final SwanctlConfig config = SwanctlReader.read(text, "swanctl.conf").config();
        return config.connections().values().stream().map(connection -> Connection.of(PeerProfiles.from(connection,
            config.sharedSecrets(), schedule), connection, fallback)).toList();
    }
}
