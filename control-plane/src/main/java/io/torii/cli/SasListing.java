package io.torii.cli;

import io.torii.dataplane.sadb.Direction;
import io.torii.ike.control.ChildSaInfo;
import io.torii.ike.control.IkeSaInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code torii list-sas} text, laid out as {@code swanctl --list-sas} lays it out; the {@code *} marks
 * this side's SPI, traffic comes from the dataplane's counters when they can be read:
 * <pre>
 * site: #1, ESTABLISHED, IKEv2, 5a0c17e0e1f2d3c4_i* 9b8a7f6e5d4c3b2a_r
 *   local  'gateway-a.demo.example' @ 192.0.2.1[4500]
 *   remote 'gateway-b.demo.example' @ 192.0.2.2[4500]
 *   AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519
 *   established 12s ago, NAT-T: UDP encapsulation
 *   site: #1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256
 *     in  c9d2a1f0,    504 bytes,     6 packets
 *     out c4b3e8d7,    504 bytes,     6 packets
 *     local  10.1.0.0/24
 *     remote 10.2.0.0/24
 * </pre>
 */
final class SasListing
{
    private SasListing()
    {
    }

    /**
     * @param sas the daemon's IKE SAs.
     * @param counters the dataplane's per-SA traffic.
     * @return the listing, ending with a line break; empty when there are no SAs.
     */
    static String format(final List<IkeSaInfo> sas, final SaCounters counters)
    {
        final StringBuilder text = new StringBuilder();
        for (final IkeSaInfo sa : sas)
        {
            text.append(String.format(Locale.ROOT, "%s: #%d, %s, IKEv2, %s_i%s %s_r%s\n", sa.name(), sa.uniqueId(),
                sa.state(), sa.initiatorSpi(), sa.weInitiated() ? "*" : "", sa.responderSpi(),
                sa.weInitiated() ? "" : "*"));
            text.append(String.format(Locale.ROOT, "  local  '%s' @ %s[%d]\n", sa.localId(), sa.localHost(),
                sa.localPort()));
            text.append(String.format(Locale.ROOT, "  remote '%s' @ %s[%d]\n", sa.remoteId(), sa.remoteHost(),
                sa.remotePort()));
            if (!sa.suite().isEmpty())
            {
                text.append("  ").append(sa.suite()).append('\n');
            }
            if (sa.establishedSecondsAgo() >= 0)
            {
                text.append("  established ").append(sa.establishedSecondsAgo()).append("s ago");
                text.append(sa.natDetected() ? ", NAT-T: UDP encapsulation" : "").append('\n');
            }
            for (final ChildSaInfo child : sa.children())
            {
                child(text, child, counters);
            }
        }
        return text.toString();
    }

    private static void child(final StringBuilder text, final ChildSaInfo child, final SaCounters counters)
    {
        text.append(String.format(Locale.ROOT, "  %s: #%d, %s, %s%s, %s:%s\n", child.name(), child.uniqueId(),
            child.state(), child.mode(), child.udpEncapsulation() ? "-in-UDP" : "", child.protocol(), child.suite()));
        text.append(String.format(Locale.ROOT, "    in  %08x%s\n", child.inboundSpi(),
            traffic(counters.traffic(Direction.INBOUND, child.inboundSpi()))));
        text.append(String.format(Locale.ROOT, "    out %08x%s\n", child.outboundSpi(),
            traffic(counters.traffic(Direction.OUTBOUND, child.outboundSpi()))));
        text.append("    local  ").append(String.join(" ", child.localTs())).append('\n');
        text.append("    remote ").append(String.join(" ", child.remoteTs())).append('\n');
    }

    private static String traffic(final Optional<SaCounters.Traffic> traffic)
    {
        return traffic.map(t -> String.format(Locale.ROOT, ", %6d bytes, %5d packets", t.bytes(), t.packets()))
            .orElse("");
    }
}
