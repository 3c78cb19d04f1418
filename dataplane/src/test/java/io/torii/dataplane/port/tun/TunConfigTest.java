package io.torii.dataplane.port.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunConfigTest
{
    @ParameterizedTest
    @ValueSource(strings = {"", "sixteen-chars-xx", "tun/0", "tun:0", "tun 0", "tün0"})
    void refusesNamesTheKernelWouldRefuse(final String name)
    {
        assertThatIllegalArgumentException().isThrownBy(() -> TunConfig.of(name)).withMessageContaining("TUN name");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void refusesMtusOutOfRange(final int mtu)
    {
        assertThatIllegalArgumentException().isThrownBy(() -> TunConfig.of("tun0").withMtu(mtu))
            .withMessageContaining("MTU");
    }

    @Test
    void defaultsToASingleQueueDeviceBroughtUpWithItsMtuLeftAlone()
    {
        final TunConfig config = TunConfig.of("fifteen-chars-x");
        assertThat(config.up()).isTrue();
        assertThat(config.multiQueue()).isFalse();
        assertThat(config.mtu()).isZero();
        assertThat(config.namespace()).isNull();
        assertThat(config.withMultiQueue(true).inNamespace("ns").withMtu(1400))
            .isEqualTo(new TunConfig("fifteen-chars-x", 1400, true, true, "ns"));
    }
}
