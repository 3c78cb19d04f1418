package io.torii.perf.lab.ike;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.daemon.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class IkeLoadGeneratorTest
{
    @Test
    void eachIdentityIsAConnectionToTheOneResponder()
    {
        final List<Connection> connections = IkeLoadGenerator.connections("192.0.2.1", "192.0.2.2", 3, "0s0011");

        assertThat(connections).extracting(Connection::name).containsExactly("c0", "c1", "c2");
        assertThat(connections).allSatisfy(connection ->
            assertThat(connection.remoteEndpoint()).hasValueSatisfying(remote ->
                assertThat(remote.getAddress().getHostAddress()).isEqualTo("192.0.2.2")));
    }
}
