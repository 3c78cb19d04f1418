package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsLocation;
import io.torii.nativeshim.XdpAttachMode;
import io.torii.nativeshim.XskSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code port = afxdp} settings of a side and the check that every worker gets a queue.
 */
class AfXdpPortsTest
{
    private static final String CONFIG = """
        dataplane {
          workers = 2
          wan {
            port = afxdp
            interface = eth0
            address = 192.0.2.1
            queue = 1
            mode = native
            bind = copy
          }
          lan {
            port = tun
            interface = torii0
          }
        }
        """;

    @Test
    void readsQueueModeAndBind()
    {
        final PortConfig wan = DaemonConfigReader.read(CONFIG, "gw.conf").wan();

        assertThat(wan.kind()).isEqualTo("afxdp");
        assertThat(wan.interfaceName()).contains("eth0");
        assertThat(wan.afxdp()).isEqualTo(new PortConfig.AfXdpOptions(1, "native", "copy"));
    }

    @Test
    void ringSizeSetsTheUmemFramesAndZeroKeepsTheSocketsDefault()
    {
        final PortConfig wan = DaemonConfigReader.read(CONFIG, "gw.conf").wan();

        assertThat(AfXdpPorts.socketConfig(wan, 1024).frames()).isEqualTo(1024);
        assertThat(AfXdpPorts.socketConfig(wan, 0).frames()).isEqualTo(XskSocket.DEFAULT_FRAMES);
        assertThat(AfXdpPorts.socketConfig(wan, 1024).mode()).isEqualTo(XdpAttachMode.NATIVE);
    }

    @Test
    void leftOutTheyMeanQueueZeroNativeElseGenericAndCopy()
    {
        final String plain = CONFIG.replace("    queue = 1\n", "").replace("    mode = native\n", "")
            .replace("    bind = copy\n", "");

        assertThat(DaemonConfigReader.read(plain, "gw.conf").wan().afxdp()).isEqualTo(PortConfig.AfXdpOptions.DEFAULT);
        assertThat(PortConfig.AfXdpOptions.DEFAULT).isEqualTo(new PortConfig.AfXdpOptions(0, "auto", "copy"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mode = fast     | 8 | mode: expected one of [auto, generic, native], found 'fast'",
        "bind = zero     | 9 | bind: expected one of [copy, zerocopy], found 'zero'",
        "queue = -1      | 7 | queue: expected a decimal number"})
    void badValuesNameTheirLine(final String setting, final int line, final String message)
    {
        final String key = setting.substring(0, setting.indexOf(' '));
        final String text = CONFIG.replaceAll("(?m)^    " + key + " = .*$", "    " + setting);

        final SettingsException error = catchThrowableOfType(SettingsException.class,
            () -> DaemonConfigReader.read(text, "gw.conf"));

        assertThat(error.location()).isEqualTo(new SettingsLocation("gw.conf", line));
        assertThat(error.getMessage()).startsWith("gw.conf:" + line + ":").contains(message);
    }

    @Test
    void onlyAfXdpTakesQueueModeAndBind()
    {
        final String udp = CONFIG.replace("port = afxdp", "port = udp");

        final SettingsException error = catchThrowableOfType(SettingsException.class,
            () -> DaemonConfigReader.read(udp, "gw.conf"));

        assertThat(error.getMessage()).startsWith("gw.conf:").contains("only port = afxdp takes");
    }

    @Test
    void moreWorkersThanQueuesFromTheFirstIsAnErrorAtTheSection()
    {
        final DaemonConfig config = DaemonConfigReader.read(CONFIG, "gw.conf");

        assertThatCode(() -> AfXdpPorts.checkQueues(config.wan(), 2, 3)).as("queues 1 and 2 of 0..2")
            .doesNotThrowAnyException();
        final SettingsException error = catchThrowableOfType(SettingsException.class,
            () -> AfXdpPorts.checkQueues(config.wan(), 2, 2));

        assertThat(error.location()).isEqualTo(new SettingsLocation("gw.conf", 3));
        assertThat(error.getMessage()).isEqualTo("gw.conf:3: wan: port = afxdp with workers = 2 needs receive " +
            "queues 1 to 2, but eth0 has 2 (0 to 1); lower workers or queue");
    }
}
