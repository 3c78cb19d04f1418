package io.torii.dataplane.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the DPDK keys of a port section ({@code device}, {@code vdev}, {@code eal_args},
 * {@code exception}): only {@code port = dpdk} takes them, and it needs exactly one of
 * {@code device} (a PCI address, {@code 0000:03:00.0}) and {@code vdev} (a virtual device name
 * starting {@code net_}, with its arguments after commas).
 */
final class DpdkSettings
{
    private static final List<String> KEYS = List.of("device", "vdev", "eal_args", "exception");
    private static final Pattern PCI = Pattern.compile("([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");
    private static final Pattern VDEV = Pattern.compile("net_[a-z_]+[0-9]*(,[^\\s,=]+=[^\\s,]*)*");

    private DpdkSettings()
    {
    }

    /**
     * @param section the port's section.
     * @param kind its port kind.
     * @param role wan or lan, for messages.
     * @return the options, {@link PortConfig.DpdkOptions#NONE} for other kinds.
     * @throws SettingsException naming file:line for a key on another kind, a missing or doubled
     *         device, or a value of the wrong shape.
     */
    static PortConfig.DpdkOptions read(final SettingsSection section, final String kind, final String role)
    {
        if (!kind.equals("dpdk"))
        {
            for (final String key : KEYS)
            {
                final Optional<SettingsValue> value = section.value(key);
                if (value.isPresent())
                {
                    throw value.get().error("only port = dpdk takes " + key);
                }
            }
            return PortConfig.DpdkOptions.NONE;
        }
        final Optional<SettingsValue> device = section.value("device").filter(v -> !v.isEmpty());
        final Optional<SettingsValue> vdev = section.value("vdev").filter(v -> !v.isEmpty());
        if (device.isPresent() == vdev.isPresent())
        {
            throw new SettingsException(section.location(), role + ": port = dpdk needs one of device = PCI address " +
                "(0000:03:00.0) or vdev = virtual device (net_af_packet0,iface=eth0)" +
                (device.isPresent() ? ", not both" : ""));
        }
        if (device.isPresent() && !PCI.matcher(device.get().value()).matches())
        {
            throw device.get().error("expected a PCI address such as 0000:03:00.0, found '" +
                device.get().value() + "'");
        }
        if (vdev.isPresent())
        {
            checkVdev(vdev.get());
        }
        final Optional<SettingsValue> exception = section.value("exception").filter(v -> !v.isEmpty());
        if (exception.isPresent())
        {
            checkVdev(exception.get());
            if (!exception.get().value().startsWith("net_tap"))
            {
                throw exception.get().error("the exception port must be a net_tap vdev (net_tap1,iface=wan0), found '" +
                    exception.get().value() + "'");
            }
        }
        final List<String> eal = section.value("eal_args").filter(v -> !v.isEmpty())
            .map(v -> List.of(v.value().trim().split("\\s+"))).orElse(List.of());
        return new PortConfig.DpdkOptions(device.or(() -> vdev).orElseThrow().value(), device.isPresent(), eal,
            exception.map(SettingsValue::value).orElse(""));
    }

    private static void checkVdev(final SettingsValue value)
    {
        if (!VDEV.matcher(value.value()).matches())
        {
            throw value.error("expected a virtual device such as net_af_packet0,iface=eth0 (a name net_..., then " +
                "KEY=VALUE arguments after commas), found '" + value.value() + "'");
        }
    }
}
