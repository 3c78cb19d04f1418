package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * strongSwan's own configuration files load with warnings only: the example swanctl.conf that
 * strongSwan 5.9.8 installs (every line a comment, then {@code include conf.d/*.conf}) with typical
 * connections in conf.d, and a file setting every key of swanctl.conf(5) to its documented default.
 */
class StrongSwanExamplesTest
{
    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(Objects.requireNonNull(StrongSwanExamplesTest.class.getResource(name), name).toURI());
    }

    @Test
    void theInstalledExampleAndTypicalConnectionsLoad() throws URISyntaxException
    {
        final SwanctlLoad load = SwanctlReader.read(resource("strongswan/swanctl.conf"));

        assertThat(load.config().connections().keySet()).containsExactly("net-net", "host-host", "rw");
        final IkeConnection netNet = load.config().connections().get("net-net");
        assertThat(netNet.remoteAddrs()).containsExactly(new IkeAddress.Host(InetAddress.ofLiteral("192.168.0.2")));
        assertThat(netNet.remoteAuth().getFirst().id()).isEqualTo("C=CH, O=strongSwan, CN=sun.strongswan.org");
        assertThat(netNet.children().get("net-net").startAction()).isEqualTo(ChildAction.TRAP);
        assertThat(load.config().connections().get("host-host").children().get("host-host").mode())
            .isEqualTo(ChildMode.TRANSPORT);
        assertThat(load.config().connections().get("rw").remoteAuth().getFirst().auth().method()).isEqualTo("md5");
        assertThat(load.config().sharedSecrets()).extracting(SharedSecret::ids).containsExactly(
            List.of("moon.strongswan.org", "sun.strongswan.org"), List.of("carol"));
        assertThat(load.config().sharedSecrets().get(0).secret().length()).isEqualTo(24);
        assertThat(load.config().sharedSecrets().get(1).secret().bytes())
            .isEqualTo("Ar3etTnp".getBytes(StandardCharsets.US_ASCII));
        assertThat(load.warnings()).extracting(ConfigWarning::key).containsExactly("pools", "rw_pool");
    }

    @Test
    void everyDocumentedDefaultWrittenOutEqualsNothingWritten() throws URISyntaxException
    {
        final SwanctlLoad load = SwanctlReader.read(resource("documented-defaults.conf"));
        final IkeConnection explicit = load.config().connections().get("explicit");
        final IkeConnection implicit = load.config().connections().get("implicit");

        assertThat(explicit).usingRecursiveComparison()
            .ignoringFields("name", "location", "localAuth.location", "remoteAuth.location",
                "children.child.location")
            .isEqualTo(implicit);
        assertThat(load.warnings()).isEmpty();
    }
}
