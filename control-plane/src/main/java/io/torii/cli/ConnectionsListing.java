package io.torii.cli;

import io.torii.ike.control.ConnectionInfo;
import java.util.List;

/**
 * {@code torii list-conns} text, laid out as {@code swanctl --list-conns} lays it out, with the proposals
 * added because Torii users ask which suites a connection offers:
 * <pre>
 * site: IKEv2
 *   local:  192.0.2.1
 *   remote: 192.0.2.2
 *   proposals: aes256gcm16-prfsha256-x25519
 *   local pre-shared key authentication:
 *     id: gateway-a.demo.example
 *   remote pre-shared key authentication:
 *     id: gateway-b.demo.example
 *   site: TUNNEL, start_action: start
 *     local:  10.1.0.0/24
 *     remote: 10.2.0.0/24
 *     esp proposals: aes256gcm16
 * </pre>
 */
final class ConnectionsListing
{
    private static final int IKE_PORT = 500;

    private ConnectionsListing()
    {
    }

    /**
     * @param connections the daemon's connections.
     * @return the listing, one line per fact, ending with a line break; empty when there are none.
     */
    static String format(final List<ConnectionInfo> connections)
    {
        final StringBuilder text = new StringBuilder();
        for (final ConnectionInfo connection : connections)
        {
            text.append(connection.name()).append(": IKEv2\n");
            text.append("  local:  ").append(addresses(connection.localAddrs(), connection.localPort())).append('\n');
            text.append("  remote: ").append(addresses(connection.remoteAddrs(), connection.remotePort()))
                .append('\n');
            text.append("  proposals: ").append(String.join(", ", connection.proposals())).append('\n');
            auth(text, "local", connection.localAuth(), connection.localId());
            auth(text, "remote", connection.remoteAuth(), connection.remoteId());
            for (final ConnectionInfo.Child child : connection.children())
            {
                text.append("  ").append(child.name()).append(": ").append(child.mode());
                if (!child.startAction().equals("none"))
                {
                    text.append(", start_action: ").append(child.startAction());
                }
                text.append('\n');
                text.append("    local:  ").append(String.join(" ", child.localTs())).append('\n');
                text.append("    remote: ").append(String.join(" ", child.remoteTs())).append('\n');
                text.append("    esp proposals: ").append(String.join(", ", child.espProposals())).append('\n');
            }
        }
        return text.toString();
    }

    private static String addresses(final List<String> addresses, final int port)
    {
        final String joined = addresses.isEmpty() ? "%any" : String.join(", ", addresses);
        return port == IKE_PORT ? joined : joined + " [port " + port + "]";
    }

    private static void auth(final StringBuilder text, final String side, final String auth, final String id)
    {
        text.append("  ").append(side).append(' ').append(authWords(auth)).append(" authentication:\n");
        text.append("    id: ").append(id).append('\n');
    }

    /** @return strongSwan's words for an {@code auth} value. */
    static String authWords(final String auth)
    {
        if (auth.equals("psk"))
        {
            return "pre-shared key";
        }
        if (auth.equals("pubkey") || auth.startsWith("rsa") || auth.startsWith("ecdsa") || auth.startsWith("ed") ||
            auth.startsWith("ike:"))
        {
            return "public key";
        }
        if (auth.startsWith("eap"))
        {
            return "EAP";
        }
        return auth;
    }
}
