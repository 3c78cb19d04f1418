package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.ProfileSource;
import io.torii.dataplane.config.SettingsParser;
import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.threading.IdleStrategyConfig;
import io.torii.dataplane.threading.ThreadingMode;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every shipped profile, read by the dataplane's own configuration reader the way a site's
 * configuration uses it: {@code profile = NAME} plus what only the site knows (interfaces,
 * addresses, devices).
 */
class ShippedProfilesTest
{
    static final List<String> PROFILES = HardwareProfiles.NAMES;
    /** Enough CPUs for the biggest profile, since the build machine may have two. */
    private static final BitSet BIG_MACHINE = new BitSet();
    private static final Pattern QUEUES_PROMISED = Pattern.compile("with ([0-9]+) or more queues");
    /** What a site adds to each port kind: the profile cannot know interfaces, addresses or devices. */
    private static final Map<String, String> SITE_KEYS = Map.of(
        "udp", "address = 192.0.2.1",
        "tun", "interface = torii0",
        "afxdp", "interface = eth1",
        "dpdk", "interface = eth1\n    device = 0000:41:00.0");

    static
    {
        BIG_MACHINE.set(0, 64);
    }

    @Test
    void theDataplaneLooksForProfilesWhereThisModuleShipsThem()
    {
        assertThat(ProfileSource.RESOURCE_DIRECTORY).isEqualTo(HardwareProfiles.RESOURCE_DIRECTORY);
        assertThat(PROFILES).allSatisfy(name ->
            assertThat(ProfileSource.CLASS_PATH.text(name)).contains(HardwareProfiles.load(name).text()));
    }

    @ParameterizedTest
    @FieldSource("PROFILES")
    void parsesWithTheDataplaneReaderAndKeepsWorkersControlPlaneAndQueuesApart(final String name)
    {
        final DaemonConfig config = read(name);

        // One CPU per worker, none of them the control plane's.
        assertThat(config.threading().mode()).isEqualTo(ThreadingMode.DEDICATED);
        assertThat(config.threading().cpus()).hasSize(config.workers()).doesNotHaveDuplicates();
        assertThat(config.tuning().controlCpu()).isPresent();
        assertThat(config.threading().cpus()).doesNotContain(config.tuning().controlCpu().getAsInt());
        assertThat(config.threading().cpusOrigin()).startsWith("profile " + name + ":");
        assertThat(config.tuning().batchSize()).isBetween(1, 64);
        assertThat(config.tuning().cryptoEngine()).isIn("auto", "ipsec-mb", "jdk");
        // A profile that promises a NIC queue count for AF_XDP needs one queue per worker.
        final Matcher promise = QUEUES_PROMISED.matcher(HardwareProfiles.load(name).summary());
        if (promise.find())
        {
            assertThat(config.workers()).isEqualTo(Integer.parseInt(promise.group(1)));
        }
        if (config.wan().kind().equals("afxdp") || config.wan().kind().equals("dpdk"))
        {
            assertThat(config.tuning().ringSize()).isPositive();
        }
    }

    @Test
    void eachClassOfMachineGetsThePortsItsClassCanDrive()
    {
        assertThat(List.of(read(HardwareProfiles.GENERIC_VM).wan().kind(), read(HardwareProfiles.SMALL_BRANCH)
            .wan().kind(), read(HardwareProfiles.MID_SIZE).wan().kind(), read(HardwareProfiles.AGGREGATION)
            .wan().kind())).containsExactly("udp", "afxdp", "afxdp", "dpdk");
        assertThat(read(HardwareProfiles.MID_SIZE).wan().afxdp())
            .isEqualTo(new PortConfig.AfXdpOptions(0, "native", "zerocopy"));
        assertThat(read(HardwareProfiles.GENERIC_VM).threading().idle().kind())
            .isEqualTo(IdleStrategyConfig.Kind.BACKOFF);
        assertThat(read(HardwareProfiles.AGGREGATION).threading().idle().kind())
            .isEqualTo(IdleStrategyConfig.Kind.BUSY_SPIN);
        assertThat(read(HardwareProfiles.AGGREGATION).workers()).isGreaterThanOrEqualTo(28);
    }

    @Test
    void aSiteOverridesAProfilesKeyAndKeepsTheRest()
    {
        final DaemonConfig config = DaemonConfigReader.read("""
            profile = mid-size
            dataplane {
              workers = 15
              cpus = 1-15
              wan {
                interface = eth1
              }
              lan {
                interface = eth2
              }
            }
            """, "site.conf", BIG_MACHINE);

        assertThat(config.workers()).isEqualTo(15);
        assertThat(config.threading().cpusOrigin()).isEqualTo("site.conf:4");
        assertThat(config.tuning().ringSize()).isEqualTo(4096);
        assertThat(config.wan().afxdp().bind()).isEqualTo("zerocopy");
    }

    /** @return the profile as a site uses it: named, with the site's keys for the profile's port kinds. */
    private static DaemonConfig read(final String name)
    {
        final SettingsSection profile = SettingsParser.parse(HardwareProfiles.load(name).text(), name);
        final StringBuilder site = new StringBuilder("profile = " + name + "\ndataplane {\n");
        for (final String role : List.of("wan", "lan"))
        {
            final String kind = profile.find("dataplane." + role + ".port").orElseThrow().value();
            site.append("  ").append(role).append(" {\n    ").append(SITE_KEYS.get(kind)).append("\n  }\n");
        }
        return DaemonConfigReader.read(site.append("}\n").toString(), "site.conf", BIG_MACHINE);
    }
}
