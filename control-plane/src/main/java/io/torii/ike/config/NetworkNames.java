package io.torii.ike.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol and service names of /etc/protocols and /etc/services, which strongSwan looks up with
 * getprotobyname(3) and getservbyname(3) when it reads a traffic selector such as
 * {@code 10.0.0.0/8[tcp/http]}. Each file line is {@code name number[/protocol] aliases... # comment};
 * aliases count as names. A missing or unreadable file leaves its table empty, so only numbers (and
 * the dataplane's built-in protocol names) are understood.
 */
final class NetworkNames
{
    private static final NetworkNames SYSTEM = new NetworkNames(Path.of("/etc/protocols"), Path.of("/etc/services"));

    private final Map<String, Integer> protocols;
    private final Map<String, Integer> services;

    NetworkNames(final Path protocolsFile, final Path servicesFile)
    {
        this.protocols = read(protocolsFile, 255);
        this.services = read(servicesFile, 65535);
    }

    /** @return the host's tables, read once. */
    static NetworkNames system()
    {
        return SYSTEM;
    }

    /**
     * @param name a protocol name, exactly as written (lookups are case-sensitive, as in glibc).
     * @return its number, or -1 when unknown.
     */
    int protocol(final String name)
    {
        return protocols.getOrDefault(name, -1);
    }

    /**
     * @param name a service name; as getservbyname(name, NULL), for any transport protocol.
     * @return its port, or -1 when unknown.
     */
    int service(final String name)
    {
        return services.getOrDefault(name, -1);
    }

    private static Map<String, Integer> read(final Path file, final int max)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            return Map.of();
        }
        final Map<String, Integer> names = new HashMap<>();
        for (final String line : lines)
        {
            final int hash = line.indexOf('#');
            final String[] fields = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            if (fields.length < 2)
            {
                continue;
            }
            final int slash = fields[1].indexOf('/');
            final int number = number(slash < 0 ? fields[1] : fields[1].substring(0, slash), max);
            if (number < 0)
            {
                continue;
            }
            for (int i = 0; i < fields.length; i++)
            {
                if (i != 1)
                {
                    // The first line naming a service wins, as getservbyname returns the first match.
                    names.putIfAbsent(fields[i], number);
                }
            }
        }
        return Map.copyOf(names);
    }

    private static int number(final String digits, final int max)
    {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return -1;
        }
        final int number = Integer.parseInt(digits);
        return number > max ? -1 : number;
    }
}
