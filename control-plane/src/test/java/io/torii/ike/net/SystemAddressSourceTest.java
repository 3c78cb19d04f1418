package io.torii.ike.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The host's own answers, checked where every host agrees: the loopback address. */
class SystemAddressSourceTest
{
    private final SystemAddressSource host = new SystemAddressSource();

    @Test
    void theLoopbackAddressIsHeldAndReachedFromItself()
    {
        final InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");

        assertThat(host.addresses()).contains(loopback);
        assertThat(host.sourceToward(loopback)).contains(loopback);
    }

    @Test
    void theReportedAddressesAreTheHostsOwn()
    {
        // Every address held must be one the route lookup toward it answers with itself.
        for (final InetAddress address : host.addresses())
        {
            if (!address.isLinkLocalAddress())
            {
                assertThat(host.sourceToward(address)).as(address.toString()).contains(address);
            }
        }
    }
}
