package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuningConfigReaderTest
{
    private static final String PORTS = """
          wan {
            port = udp
            address = 192.0.2.1
          }
          lan {
            port = tun
            interface = torii0
          }
        }
        """;

    @Test
    void withoutTuningKeysTheDefaultsHold()
    {
        assertThat(read("").tuning()).isEqualTo(DataplaneTuning.DEFAULTS);
    }

    @Test
    void readsEveryTuningKey()
    {
        final DaemonConfig config = read("""
              workers = 2
              cpus = 2-3
              control_cpu = 0
              batch_size = 64
              ring_size = 4096
              crypto_engine = ipsec-mb
            """);

        assertThat(config.tuning()).isEqualTo(new DataplaneTuning(64, 4096, OptionalInt.of(0), "ipsec-mb"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "batch_size = 0           | batch_size: expected 1 to 64",
        "batch_size = 65          | batch_size: '65' is above 64",
        "ring_size = 1000         | ring_size: expected a power of two from 64 to 4096, found '1000'",
        "ring_size = 32           | ring_size: expected a power of two from 64 to 4096, found '32'",
        "ring_size = 8192         | ring_size: '8192' is above 4096",
        "crypto_engine = openssl  | crypto_engine: expected one of [auto, ipsec-mb, jdk], found 'openssl'",
        "control_cpu = 9          | control_cpu: CPU 9 is not one this process may run on; allowed: 0-3",
        "control_cpu = 3          | control_cpu: CPU 3 is a worker's (cpus at t.conf:3)",
    })
    void badValuesAreErrorsAtTheirLine(final String line, final String message)
    {
        assertThatThrownBy(() -> read("  workers = 2\n  cpus = 2-3\n  " + line + "\n"))
            .isInstanceOf(SettingsException.class).hasMessageStartingWith("t.conf:4: " + message);
    }

    private static DaemonConfig read(final String dataplaneKeys)
    {
        final BitSet fourCpus = new BitSet();
        fourCpus.set(0, 4);
        return DaemonConfigReader.read("dataplane {\n" + dataplaneKeys + PORTS, "t.conf", fourCpus);
    }
}
