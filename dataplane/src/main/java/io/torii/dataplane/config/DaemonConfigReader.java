package io.torii.dataplane.config;

import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.threading.CpuAffinity;
import io.torii.dataplane.threading.ThreadingConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the daemon's configuration, in strongSwan's settings syntax:
 * <pre>
 * profile = small-branch          # optional: start from a hardware profile; see ProfileOverlay
 * dataplane {
 *   workers = 1
 *   prometheus = 127.0.0.1:9720   # off (default), PORT or HOST:PORT: GET /metrics
 *   max_sas = 1024                # SA slots per worker for SAs the control plane installs
 *   threading = dedicated         # dedicated (default): a thread per worker | shared: all workers on one thread
 *   cpus = 2,3                    # optional: pin each worker's thread to a CPU (shared: one CPU); ranges as 4-7;
 *                                 #   each must be one this process may run on (sched_getaffinity)
 *   idle = backoff                # when a cycle finds no work: busy_spin | yield | backoff (default) | sleep | no_op
 *   idle_max_spins = 100          # backoff only: spins before yielding
 *   idle_max_yields = 10          # backoff only: yields before parking
 *   idle_min_park = 1us           # backoff only: the first park (ns, us, ms or s); parks double from here
 *   idle_max_park = 1ms           # backoff only: the longest park, at most 1s
 *   idle_sleep = 100us            # sleep only: the park after each idle cycle
 *   sa_statistics_interval = 10s  # off (default): each SA's counts go to the control plane this often,
 *                                 # and always when the SA is deleted
 *   acquire_interval = 1s         # the least time between two acquires of one trap policy (default 1s)
 *   batch_size = 32               # packets per burst, 1 to 64; see TuningConfigReader for these four
 *   ring_size = 2048              # AF_XDP and DPDK ports: descriptors per queue (default: the port's)
 *   control_cpu = 0               # optional: pin the control plane to a CPU no worker has
 *   crypto_engine = auto          # auto (default) | ipsec-mb | jdk
 *   wan {
 *     port = udp               # udp | raw | tun | afxdp | dpdk
 *     address = 192.0.2.1
 *     udp_port = 4500
 *   }
 *   # or: wan { port = afxdp  interface = eth0  queue = 0  mode = native  bind = copy }, one
 *   #     setting per line; queue is the first receive queue (worker i takes queue + i); mode is
 *   #     auto (native, else generic; the default), native or generic; bind is copy or zerocopy
 *   # or: wan { port = dpdk  interface = eth0  vdev = net_af_packet0,iface=eth0 }: device = a PCI
 *   #     address or vdev = a virtual device with its arguments (one of them); interface is the kernel
 *   #     interface holding the address (next hops come from its neighbour table); optional:
 *   #     eal_args = EAL arguments (default --no-huge -m 512 --no-shconf --file-prefix torii-PID
 *   #     --no-telemetry, and --no-pci for a vdev), exception = a net_tap vdev for what is the kernel's
 *   lan {
 *     port = tun
 *     interface = torii0
 *     address = 10.1.0.1       # optional: the source of ICMP "packet too big" replies
 *     mtu = 1400
 *   }
 * }
 * sas {
 *   sa-out { ... }   # the SA syntax of torii pcap
 *   sa-in  { ... }
 * }
 * charon {                      # optional: IKE settings under strongSwan's names; see CharonSettingsReader
 *   retransmit_timeout = 4.0
 *   cookie_threshold = 30
 * }
 * tunnels {
 *   site-b {
 *     local_ts = 10.1.0.0/24
 *     remote_ts = 10.2.0.0/24
 *     out = sa-out
 *     in = sa-in               # up to four, comma-separated, for rekeying
 *   }
 * }
 * </pre>
 * As in strongSwan, a value runs to the end of its line, so each setting takes a line of its own, and
 * sections may inherit from others ({@code lan : lan-defaults { ... }}, see {@link SettingsInheritance});
 * top-level sections that others inherit from are allowed beside the ones above.
 * Every error names the file, the line and what was expected.
 */
public final class DaemonConfigReader
{
    private static final Set<String> PORT_KINDS = Set.of("udp", "raw", "tun", "afxdp", "dpdk");
    private static final int MAX_INBOUND = 4;
    /** SA slots per worker for SAs installed at run time, when {@code max_sas} does not say. */
    public static final int DEFAULT_MAX_SAS = 1024;

    private DaemonConfigReader()
    {
    }

    /**
     * @param file the configuration file.
     * @return its contents, checked.
     * @throws SettingsException naming the file, line and what was expected.
     */
    public static DaemonConfig read(final Path file)
    {
        return fromSettings(SettingsParser.parse(file), file.toString(), CpuAffinity.allowedCpus());
    }

    /**
     * @param text a configuration.
     * @param sourceName the name errors give for it.
     * @return its contents, checked.
     */
    public static DaemonConfig read(final String text, final String sourceName)
    {
        return read(text, sourceName, CpuAffinity.allowedCpus());
    }

    /**
     * Reads a configuration meant for another machine, such as a hardware profile checked on a
     * build machine with fewer CPUs.
     *
     * @param text a configuration.
     * @param sourceName the name errors give for it.
     * @param allowedCpus the CPUs {@code cpus} and {@code control_cpu} may name.
     * @return its contents, checked.
     */
    public static DaemonConfig read(final String text, final String sourceName, final BitSet allowedCpus)
    {
        return fromSettings(SettingsParser.parse(text, sourceName), sourceName, allowedCpus);
    }

    private static DaemonConfig fromSettings(final SettingsSection file, final String sourceName,
        final BitSet allowedCpus)
    {
        final SettingsSection written = ProfileOverlay.apply(file, ProfileSource.CLASS_PATH);
        final SettingsSection root = SettingsInheritance.resolve(written);
        final Set<String> topSections = new HashSet<>(Set.of("dataplane", "sas", "tunnels",
            CharonSettingsReader.SECTION));
        SettingsInheritance.referencedPaths(written).forEach(path -> topSections.add(path.split("\\.", 2)[0]));
        allowOnly(root, Set.of(), topSections);
        final SettingsSection dataplane = required(root, "dataplane", sourceName);
        final Set<String> dataplaneKeys = new HashSet<>(Set.of("workers", "prometheus", "max_sas",
            "sa_statistics_interval", "acquire_interval"));
        dataplaneKeys.addAll(ThreadingConfigReader.KEYS);
        dataplaneKeys.addAll(TuningConfigReader.KEYS);
        allowOnly(dataplane, dataplaneKeys, Set.of("wan", "lan"));
        final int maxSas = dataplane.value("max_sas").map(v -> (int)v.asUnsigned(1 << 20)).orElse(DEFAULT_MAX_SAS);
        final String prometheus = dataplane.value("prometheus").map(SettingsValue::value).orElse("off");
        final int workers = dataplane.value("workers").map(v -> (int)v.asUnsigned(256)).orElse(1);
        if (workers < 1)
        {
            throw dataplane.value("workers").orElseThrow().error("workers must be 1 or more");
        }
        final ThreadingConfig threading = ThreadingConfigReader.read(dataplane, workers, allowedCpus);
        final DataplaneTuning tuning = TuningConfigReader.read(dataplane, threading, allowedCpus);
        final PortConfig wan = port(required(dataplane, "wan", sourceName), "wan");
        final PortConfig lan = port(required(dataplane, "lan", sourceName), "lan");
        final List<SaConfig> sas = root.section("sas").map(SaFileReader::fromSettings).orElse(List.of());
        final List<TunnelConfig> tunnels = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        sas.forEach(sa -> names.add(sa.name()));
        final Optional<SettingsSection> tunnelsSection = root.section("tunnels");
        if (tunnelsSection.isPresent())
        {
            allowOnly(tunnelsSection.get(), Set.of(), null);
            for (final SettingsSection tunnel : tunnelsSection.get().sections().values())
            {
                tunnels.add(tunnel(tunnel, names));
            }
        }
        final CharonSettings charon = root.section(CharonSettingsReader.SECTION).map(CharonSettingsReader::read)
            .orElse(CharonSettings.STRONGSWAN_DEFAULTS);
        return new DaemonConfig(workers, prometheus, maxSas, wan, lan, sas, tunnels, threading,
            eventIntervals(dataplane), charon, tuning);
    }

    private static EventIntervals eventIntervals(final SettingsSection dataplane)
    {
        final long statistics = dataplane.value("sa_statistics_interval").filter(v -> !v.isEmpty())
            .map(v -> v.value().equals("off") ? 0 : DurationSetting.nanos(v))
            .orElse(EventIntervals.DEFAULTS.saStatisticsNanos());
        final long acquire = dataplane.value("acquire_interval").filter(v -> !v.isEmpty())
            .map(DurationSetting::nanos)
            .orElse(EventIntervals.DEFAULTS.acquireNanos());
        return new EventIntervals(statistics, acquire);
    }

    private static PortConfig port(final SettingsSection section, final String role)
    {
        allowOnly(section, Set.of("port", "interface", "address", "udp_port", "mtu", "queue", "mode", "bind",
            "device", "vdev", "eal_args", "exception"), Set.of());
        final SettingsValue kind = section.value("port").orElseThrow(() -> new SettingsException(section.location(),
            role + " needs port = udp, raw, tun, afxdp or dpdk"));
        if (!PORT_KINDS.contains(kind.value()))
        {
            throw kind.error("unknown port kind '" + kind.value() + "'; expected udp, raw, tun, afxdp or dpdk");
        }
        final Optional<String> interfaceName = section.value("interface").map(SettingsValue::value);
        final Optional<InetAddress> address = section.value("address").filter(v -> !v.isEmpty())
            .map(DaemonConfigReader::address);
        if (kind.value().equals("tun") || kind.value().equals("afxdp") || kind.value().equals("dpdk"))
        {
            if (interfaceName.isEmpty())
            {
                throw new SettingsException(section.location(), role + ": port = " + kind.value() +
                    " needs interface = NAME");
            }
        }
        else if (address.isEmpty())
        {
            throw new SettingsException(section.location(), role + ": port = " + kind.value() +
                " needs address = the local IP address to bind");
        }
        final int udpPort = section.value("udp_port").map(v -> (int)v.asUnsigned(65535)).orElse(SaConfig.NAT_T_PORT);
        final int mtu = section.value("mtu").map(v -> (int)v.asUnsigned(65535)).orElse(0);
        return new PortConfig(role, kind.value(), interfaceName, address, udpPort, mtu, section.location(),
            afxdp(section, kind.value()), DpdkSettings.read(section, kind.value(), role));
    }

    private static PortConfig.AfXdpOptions afxdp(final SettingsSection section, final String kind)
    {
        for (final String key : List.of("queue", "mode", "bind"))
        {
            final Optional<SettingsValue> value = section.value(key);
            if (value.isPresent() && !kind.equals("afxdp"))
            {
                throw value.get().error("only port = afxdp takes " + key);
            }
        }
        final int queue = section.value("queue").map(v -> (int)v.asUnsigned(4095)).orElse(0);
        final String mode = oneOf(section, "mode", Set.of("auto", "native", "generic"), "auto");
        final String bind = oneOf(section, "bind", Set.of("copy", "zerocopy"), "copy");
        return new PortConfig.AfXdpOptions(queue, mode, bind);
    }

    private static String oneOf(final SettingsSection section, final String key, final Set<String> allowed,
        final String fallback)
    {
        final Optional<SettingsValue> value = section.value(key).filter(v -> !v.isEmpty());
        if (value.isPresent() && !allowed.contains(value.get().value()))
        {
            throw value.get().error("expected one of " + allowed.stream().sorted().toList() + ", found '" +
                value.get().value() + "'");
        }
        return value.map(SettingsValue::value).orElse(fallback);
    }

    private static InetAddress address(final SettingsValue value)
    {
        try
        {
            return IpLiteral.parse(value.value());
        }
        catch (final IllegalArgumentException ex)
        {
            throw value.error(ex.getMessage(), ex);
        }
    }

    private static TunnelConfig tunnel(final SettingsSection section, final Set<String> sas)
    {
        allowOnly(section, Set.of("local_ts", "remote_ts", "out", "in"), Set.of());
        final String localTs = requiredValue(section, "local_ts").value();
        final String remoteTs = requiredValue(section, "remote_ts").value();
        final SettingsValue out = requiredValue(section, "out");
        if (!sas.contains(out.value()))
        {
            throw out.error("no SA named '" + out.value() + "' in sas { }");
        }
        final SettingsValue in = requiredValue(section, "in");
        final List<String> inbound = new ArrayList<>();
        for (final String name : in.value().split("\\s*,\\s*"))
        {
            if (!sas.contains(name))
            {
                throw in.error("no SA named '" + name + "' in sas { }");
            }
            inbound.add(name);
        }
        if (inbound.size() > MAX_INBOUND)
        {
            throw in.error("at most " + MAX_INBOUND + " inbound SAs per tunnel");
        }
        return new TunnelConfig(section.name(), localTs, remoteTs, out.value(), List.copyOf(inbound),
            section.location());
    }

    private static SettingsSection required(final SettingsSection parent, final String name, final String sourceName)
    {
        return parent.section(name).orElseThrow(() -> new SettingsException(
            parent.name().isEmpty() ? new SettingsLocation(sourceName, 0) : parent.location(),
            "expected a section " + name + " { }" + (parent.name().isEmpty() ? "" : " in " + parent.name())));
    }

    private static SettingsValue requiredValue(final SettingsSection section, final String key)
    {
        return section.value(key).filter(v -> !v.isEmpty()).orElseThrow(() -> new SettingsException(
            section.location(), section.name() + " needs " + key + " = ..."));
    }

    /** @param sections allowed sub-section names, or null for any. */
    private static void allowOnly(final SettingsSection section, final Set<String> keys, final Set<String> sections)
    {
        for (final SettingsValue value : section.values().values())
        {
            if (value.value().matches(".*\\s\\S+\\s*=.*"))
            {
                throw value.error("'" + value.key() + " = " + value.value() + "' holds another setting: strongSwan's " +
                    "syntax ends a value at the end of its line, so write one setting per line");
            }
            if (!keys.contains(value.key()))
            {
                throw value.error("unknown key '" + value.key() + "'" +
                    (keys.isEmpty() ? "" : "; expected one of " + keys.stream().sorted().toList()));
            }
        }
        if (sections != null)
        {
            for (final Map.Entry<String, SettingsSection> sub : section.sections().entrySet())
            {
                if (!sections.contains(sub.getKey()))
                {
                    throw new SettingsException(sub.getValue().location(), "unknown section '" + sub.getKey() + "'" +
                        (sections.isEmpty() ? "" : "; expected " + sections.stream().sorted().toList()));
                }
            }
        }
    }
}
