package io.torii.ike.config;

import io.torii.dataplane.config.SettingsValue;
import io.torii.dataplane.spd.TrafficSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code local_ts} and {@code remote_ts} into the dataplane's {@link TrafficSelector}s. The
 * dataplane parser reads the syntax (subnets, ranges {@code a-b}, {@code dynamic}, {@code [proto/port]});
 * this class first replaces protocol and service names by their numbers from /etc/protocols and
 * /etc/services, as strongSwan does, since the dataplane knows only a fixed table of protocol names and
 * no service names. As in strongSwan, a service name is tried before a number or range, and for
 * ICMP the port value is the type in the high byte and the code in the low byte.
 */
final class SelectorText
{
    private SelectorText()
    {
    }

    /**
     * @param value a comma separated list of traffic selectors.
     * @param names the protocol and service tables.
     * @return the selectors in order.
     */
    static List<TrafficSelector> selectors(final SettingsValue value, final NetworkNames names)
    {
        final List<TrafficSelector> selectors = new ArrayList<>();
        for (final String item : SwanctlValues.list(value))
        {
            try
            {
                selectors.add(TrafficSelector.parse(numbered(item, names)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw value.error("'" + item + "' is not a traffic selector (" + reason(ex) + "); expected " +
                    "a subnet, a range from-to or 'dynamic', optionally followed by [protocol] or " +
                    "[protocol/port], such as 10.0.0.0/8[tcp/http] or dynamic[udp/1000-2000]", ex);
            }
        }
        return List.copyOf(selectors);
    }

    /**
     * @return the dataplane's reason without its "traffic selector '...': " preamble, which would
     *         repeat the selector, and with numbers where the file had names.
     */
    private static String reason(final IllegalArgumentException ex)
    {
        final String message = ex.getMessage();
        final int end = message.indexOf("': ");
        return message.startsWith("traffic selector '") && end > 0 ? message.substring(end + 3) : message;
    }

    /**
     * @return the selector with protocol and service names replaced by numbers where the tables know
     *         them; everything else unchanged, for the dataplane parser to judge.
     */
    static String numbered(final String item, final NetworkNames names)
    {
        final int open = item.indexOf('[');
        final int close = item.lastIndexOf(']');
        if (open < 0 || close < open)
        {
            return item;
        }
        final String protoPort = item.substring(open + 1, close);
        final int slash = protoPort.indexOf('/');
        final String protocol = slash < 0 ? protoPort : protoPort.substring(0, slash);
        final int protocolNumber = protocol.equals("any") ? -1 : names.protocol(protocol);
        final StringBuilder text = new StringBuilder(item.substring(0, open + 1));
        text.append(protocolNumber < 0 ? protocol : Integer.toString(protocolNumber));
        if (slash >= 0)
        {
            final String port = protoPort.substring(slash + 1);
            final int service = port.equals("opaque") || port.equals("any") ? -1 : names.service(port);
            text.append('/').append(service < 0 ? port : Integer.toString(service));
        }
        return text.append(item.substring(close)).toString();
    }
}
