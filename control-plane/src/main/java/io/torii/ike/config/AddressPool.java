package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * One {@code pools.<name>} section, kept as written: Torii does not assign virtual IPs yet.
 *
 * @param name the pool's name.
 * @param location where the section was opened.
 * @param addrs the subnet or range to allocate from, as written; empty when not set.
 * @param attributes the other keys (dns, nbns, dhcp, netmask, server, subnet, split_include,
 *        split_exclude or a number), each a list as written, in file order.
 */
public record AddressPool(
    String name, SettingsLocation location, String addrs, SequencedMap<String, List<String>> attributes)
{
    /**
     * Copies the attributes and checks that no part is missing.
     */
    public AddressPool
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(addrs, "addrs");
        attributes = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(attributes));
    }
}
