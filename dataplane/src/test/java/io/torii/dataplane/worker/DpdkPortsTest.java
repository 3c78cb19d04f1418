package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code port = dpdk} settings of a side: device or vdev, EAL arguments, exception port, and
 * the errors at file:line for what is wrong.
 */
class DpdkPortsTest
{
    private static final String CONFIG = """
        dataplane {
          wan {
            port = dpdk
            interface = veth0
            vdev = net_af_packet0,iface=veth0,qpairs=2
            eal_args = --no-huge -m 256  --no-pci
            exception = net_tap1,iface=wan0
          }
          lan {
            port = tun
            interface = torii0
          }
        }
        """;

    @Test
    void readsVdevEalArgumentsAndException()
    {
        final PortConfig wan = DaemonConfigReader.read(CONFIG, "gw.conf").wan();

        assertThat(wan.kind()).isEqualTo("dpdk");
        assertThat(wan.dpdk()).isEqualTo(new PortConfig.DpdkOptions("net_af_packet0,iface=veth0,qpairs=2", false,
            List.of("--no-huge", "-m", "256", "--no-pci"), "net_tap1,iface=wan0"));
    }

    @Test
    void readsAPciDeviceAndLeavesTheEalArgumentsToTheDefaults()
    {
        final String pci = CONFIG.replace("vdev = net_af_packet0,iface=veth0,qpairs=2", "device = 0000:03:00.0")
            .replace("    eal_args = --no-huge -m 256  --no-pci\n", "");

        final PortConfig.DpdkOptions options = DaemonConfigReader.read(pci, "gw.conf").wan().dpdk();

        assertThat(options.devargs()).isEqualTo("0000:03:00.0");
        assertThat(options.pci()).isTrue();
        assertThat(options.ealArguments()).isEmpty();
        assertThat(DaemonConfigReader.read(pci.replace("port = dpdk", "port = udp")
            .replace("    device = 0000:03:00.0\n", "").replace("    exception = net_tap1,iface=wan0\n", "")
            .replace("interface = veth0", "address = 192.0.2.1"), "gw.conf").wan().dpdk())
            .isEqualTo(PortConfig.DpdkOptions.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "vdev = net_af_packet0,iface=veth0,qpairs=2 | device = 03:00.0x | gw.conf:5: | expected a PCI address",
        "vdev = net_af_packet0,iface=veth0,qpairs=2 | vdev = af_packet0 | gw.conf:5: | expected a virtual device",
        "    vdev = net_af_packet0,iface=veth0,qpairs=2\\n | '' | gw.conf:2: | needs one of device",
        "exception = net_tap1,iface=wan0 | exception = net_af_packet1,iface=x | gw.conf:7: | must be a net_tap",
        "port = dpdk | port = udp\\n    address = 192.0.2.1 | gw.conf:6: | only port = dpdk takes vdev",
    })
    void namesTheLineAndWhatWasExpected(final String from, final String to, final String line, final String text)
    {
        final String broken = CONFIG.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));

        final SettingsException error =
            catchThrowableOfType(SettingsException.class, () -> DaemonConfigReader.read(broken, "gw.conf"));

        assertThat(error).as(broken).isNotNull();
        assertThat(error.getMessage()).startsWith(line).contains(text);
    }
}
