package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each remote block gets its route through the TUN device once, however many Child SAs lead to it. */
class RoutesOncePerBlockTest
{
    @Test
    void aBlockIsRoutedOnceAndTriedAgainOnlyAfterAFailure()
    {
        final List<String> attempts = new ArrayList<>();
        final boolean[] works = {true};
        final Consumer<String> routes = IkeDaemon.oncePerBlock(cidr ->
        {
            attempts.add(cidr);
            return works[0] || !cidr.startsWith("10.3.");
        });

        routes.accept("10.2.0.0/24");
        routes.accept("10.2.0.0/24");
        routes.accept("2001:db8:2::/64");
        works[0] = false;
        routes.accept("10.3.0.0/24");
        routes.accept("10.2.0.0/24");
        works[0] = true;
        routes.accept("10.3.0.0/24");
        routes.accept("10.3.0.0/24");

        assertThat(attempts).containsExactly("10.2.0.0/24", "2001:db8:2::/64", "10.3.0.0/24", "10.3.0.0/24");
    }
}
