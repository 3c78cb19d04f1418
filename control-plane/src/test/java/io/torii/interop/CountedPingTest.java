package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading ping's summary (iputils, as Debian 12 ships it), which is how the interop tests count loss. */
class CountedPingTest
{
    @Test
    void countsTransmittedReceivedAndLost()
    {
        final CountedPing.Result result = CountedPing.parse("""
            PING 10.2.0.2 (10.2.0.2) 56(84) bytes of data.

            --- 10.2.0.2 ping statistics ---
            2400 packets transmitted, 2397 received, 0.125% packet loss, time 119953ms
            rtt min/avg/max/mdev = 0.212/0.480/3.101/0.171 ms
            """);

        assertThat(result.transmitted()).isEqualTo(2400);
        assertThat(result.received()).isEqualTo(2397);
        assertThat(result.lost()).isEqualTo(3);
    }

    @Test
    void errorsAreCountedToo()
    {
        final CountedPing.Result result = CountedPing.parse(
            "400 packets transmitted, 380 received, +12 errors, 5% packet loss, time 19950ms\n");

        assertThat(result.lost()).isEqualTo(20);
    }

    @Test
    void noSummaryMeansPingDidNotRun()
    {
        final CountedPing.Result result = CountedPing.parse("ping: connect: Network is unreachable\n");

        assertThat(result.transmitted()).isEqualTo(-1);
        assertThat(result.output()).contains("unreachable");
    }
}
