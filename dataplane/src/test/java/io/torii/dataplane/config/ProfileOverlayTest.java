package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProfileOverlayTest
{
    private static final String PROFILE = """
        dataplane {
          workers = 3
          cpus = 1-3
          batch_size = 32
          wan {
            port = afxdp
            queue = 0
            bind = copy
          }
        }
        """;
    private static final ProfileSource SOURCE = name -> Optional.ofNullable(Map.of("branch", PROFILE).get(name));

    @Test
    void theFilesKeysWinAndTheProfileFillsInTheRestSectionBySection()
    {
        final SettingsSection merged = overlay("""
            profile = branch
            dataplane {
              workers = 2
              wan {
                interface = eth0
              }
            }
            """);

        assertThat(merged.values()).isEmpty();
        final SettingsSection dataplane = merged.section("dataplane").orElseThrow();
        assertThat(dataplane.values().keySet()).containsExactly("workers", "cpus", "batch_size");
        assertThat(dataplane.value("workers").orElseThrow().value()).isEqualTo("2");
        assertThat(dataplane.value("workers").orElseThrow().location()).isEqualTo(new SettingsLocation("f.conf", 3));
        assertThat(dataplane.value("cpus").orElseThrow().location())
            .isEqualTo(new SettingsLocation("profile branch", 3));
        final SettingsSection wan = dataplane.section("wan").orElseThrow();
        assertThat(wan.values().keySet()).containsExactly("interface", "port", "queue", "bind");
    }

    @Test
    void anEmptyValueInTheFileRemovesTheProfilesValue()
    {
        final SettingsSection dataplane = overlay("""
            profile = branch
            dataplane {
              cpus =
            }
            """).section("dataplane").orElseThrow();

        assertThat(dataplane.value("cpus")).isEmpty();
        assertThat(dataplane.value("workers").orElseThrow().value()).isEqualTo("3");
    }

    @Test
    void aPortOfAnotherKindReplacesTheProfilesPortSectionWhole()
    {
        final SettingsSection wan = overlay("""
            dataplane {
              wan {
                port = udp
                address = 192.0.2.1
              }
            }
            profile = branch
            """).section("dataplane").orElseThrow().section("wan").orElseThrow();

        assertThat(wan.values().keySet()).containsExactly("port", "address");
    }

    @Test
    void withoutAProfileKeyTheTreeIsUntouched()
    {
        final SettingsSection root = SettingsParser.parse("dataplane {\n workers = 1\n}\n", "f.conf");

        assertThat(ProfileOverlay.apply(root, SOURCE)).isSameAs(root);
    }

    @Test
    void aProfileKeyInsideTheDataplaneSectionIsAnErrorThatSaysWhereItGoes()
    {
        assertThatThrownBy(() -> overlay("dataplane {\n  profile = branch\n}\n")).isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("f.conf:2: profile: profile = NAME goes at the top level");
    }

    @Test
    void anUnknownProfileIsAnErrorAtItsLine()
    {
        assertThatThrownBy(() -> overlay("\nprofile = huge-box\n")).isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("f.conf:2: profile: no profile named 'huge-box'");
    }

    @Test
    void aNameThatCouldLeaveTheProfileDirectoryIsRefusedBeforeAnyLookUp()
    {
        final ProfileSource refusing = name ->
        {
            throw new AssertionError("looked up " + name);
        };

        assertThatThrownBy(() -> ProfileOverlay.apply(SettingsParser.parse("profile = ../secret\n", "f.conf"),
            refusing)).isInstanceOf(SettingsException.class).hasMessageContaining("expected a profile name");
    }

    @Test
    void aProfileNamingAProfileIsAnErrorAtTheProfilesLine()
    {
        final ProfileSource chained = name -> Optional.of("dataplane {\n}\nprofile = other\n");

        assertThatThrownBy(() -> ProfileOverlay.apply(SettingsParser.parse("profile = a\n", "f.conf"), chained))
            .isInstanceOf(SettingsException.class).hasMessageStartingWith("profile a:3: profile: a profile cannot");
    }

    @Test
    void aBadValueFromTheProfileIsReportedAtTheProfilesLine()
    {
        // Two CPUs allowed: the profile's cpus = 1-3 cannot be pinned here.
        final BitSet twoCpus = new BitSet();
        twoCpus.set(0, 2);

        assertThatThrownBy(() -> DaemonConfigReader.read("""
            profile = test-branch
            dataplane {
              cpus = 0-2
              workers = 3
              wan {
                interface = eth0
              }
              lan {
                interface = torii0
              }
            }
            """, "site.conf", twoCpus)).isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("site.conf:3: cpus: CPU 2 is not one");
    }

    @Test
    void theReaderFindsAProfileOnTheClassPathAndOverridesItsKeys()
    {
        final BitSet allowed = new BitSet();
        allowed.set(0, 4);

        final DaemonConfig config = DaemonConfigReader.read("""
            profile = test-branch
            dataplane {
              batch_size = 64
              wan {
                interface = eth0
              }
              lan {
                interface = torii0
              }
            }
            """, "site.conf", allowed);

        assertThat(config.workers()).isEqualTo(2);
        assertThat(config.threading().cpus()).isEqualTo(List.of(0, 1));
        assertThat(config.threading().cpusOrigin()).isEqualTo("profile test-branch:4");
        assertThat(config.tuning()).isEqualTo(new DataplaneTuning(64, 1024, OptionalInt.empty(), "jdk"));
        assertThat(config.wan().kind()).isEqualTo("afxdp");
        assertThat(config.wan().afxdp()).isEqualTo(new PortConfig.AfXdpOptions(2, "native", "zerocopy"));
        assertThat(config.wan().interfaceName()).contains("eth0");
        assertThat(config.lan().mtu()).isEqualTo(1400);
    }

    private static SettingsSection overlay(final String text)
    {
        return ProfileOverlay.apply(SettingsParser.parse(text, "f.conf"), SOURCE);
    }
}
