package io.torii.dataplane.config;

import java.util.List;

/**
 * A tunnel: the traffic it carries and the SAs that carry it.
 *
 * @param name the section name.
 * @param localTs traffic selectors on this side, in swanctl.conf's syntax.
 * @param remoteTs traffic selectors on the peer's side.
 * @param outbound the name of the SA that protects outgoing traffic.
 * @param inbound the names of the SAs accepted for incoming traffic (up to four, for rekeying).
 * @param location where the section is.
 */
public record TunnelConfig(String name, String localTs, String remoteTs, String outbound, List<String> inbound,
    SettingsLocation location)
{
}
