package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * swanctl.conf with section templates, in the shape of strongswan.conf(5)'s example: connections and
 * children inherit from top-level templates and from each other, and read as if written out in full.
 */
class SwanctlInheritanceTest
{
    private static final String TEMPLATES = """
        conn-defaults {
            local_addrs = 192.0.2.1
            proposals = aes256gcm16-prfsha256-x25519
            local {
                auth = psk
                id = gw.example
            }
            remote { auth = psk }
        }
        child-defaults {
            local_ts = 10.1.0.0/24
            esp_proposals = aes256gcm16
            start_action = start
        }
        connections {
            conn-a : conn-defaults {
                remote_addrs = 198.51.100.1
                children {
                    child-a : child-defaults {
                        remote_ts = 10.2.0.0/24
                    }
                }
            }
            conn-b : conn-defaults {
                proposals = aes128-sha256-ecp256
                remote { id = b.example }
                children {
                    child-b : child-defaults {
                        esp_proposals = aes128-sha256
                        remote_ts = 10.3.0.0/24
                    }
                }
            }
            conn-c : connections.conn-a {
                remote_addrs = 203.0.113.9
            }
        }
        """;

    @Test
    void connectionsAndChildrenReadWhatTheyInherit()
    {
        final SwanctlLoad load = SwanctlReader.read(TEMPLATES, "templates.conf");
        final IkeConnection a = load.config().connections().get("conn-a");
        final IkeConnection b = load.config().connections().get("conn-b");

        assertThat(load.config().connections().keySet()).containsExactly("conn-a", "conn-b", "conn-c");
        assertThat(a.localAddrs()).isEqualTo(b.localAddrs()).hasSize(1);
        assertThat(a.proposals()).containsExactly("aes256gcm16-prfsha256-x25519");
        assertThat(b.proposals()).containsExactly("aes128-sha256-ecp256");
        assertThat(a.localAuth().getFirst().id()).isEqualTo("gw.example");
        assertThat(b.remoteAuth().getFirst().id()).isEqualTo("b.example");
        assertThat(b.remoteAuth().getFirst().auth()).isEqualTo(a.remoteAuth().getFirst().auth());
        final ChildConfig childA = a.children().get("child-a");
        assertThat(childA.espProposals()).containsExactly("aes256gcm16");
        assertThat(childA.startAction()).isEqualTo(ChildAction.START);
        assertThat(childA.localTs()).hasSize(1);
        assertThat(b.children().get("child-b").espProposals()).containsExactly("aes128-sha256");
    }

    @Test
    void aConnectionInheritingAnotherGetsItsChildrenToo()
    {
        final SwanctlLoad load = SwanctlReader.read(TEMPLATES, "templates.conf");
        final IkeConnection a = load.config().connections().get("conn-a");
        final IkeConnection c = load.config().connections().get("conn-c");

        assertThat(c.remoteAddrs()).isNotEqualTo(a.remoteAddrs());
        assertThat(c.children().keySet()).containsExactly("child-a");
        assertThat(c.children().get("child-a").remoteTs()).isEqualTo(a.children().get("child-a").remoteTs());
        assertThat(c.localAuth()).extracting(AuthRound::id).containsExactly("gw.example");
    }

    @Test
    void topLevelTemplatesDrawNoWarningButTheirUnknownKeysDoAtTheTemplatesLine()
    {
        final SwanctlLoad clean = SwanctlReader.read(TEMPLATES, "templates.conf");
        final SwanctlLoad misspelt = SwanctlReader.read("""
            base {
                rekey_tme = 1h
            }
            stray { }
            connections {
                gw : base {
                    children { net { } }
                }
            }
            """, "misspelt.conf");

        assertThat(clean.warnings()).isEmpty();
        assertThat(misspelt.warnings()).extracting(ConfigWarning::toString).hasSize(2)
            .anySatisfy(w -> assertThat(w).startsWith("misspelt.conf:2: rekey_tme: unknown key in connection 'gw'"))
            .anySatisfy(w -> assertThat(w).startsWith("misspelt.conf:4: stray: unknown section"));
    }

    @Test
    void allowWeakIsReadWithoutAWarningAndInheritable()
    {
        final SwanctlLoad load = SwanctlReader.read("""
            weak { allow_weak = yes }
            connections {
                legacy : weak { children { net { } } }
                modern { children { net { } } }
            }
            """, "weak.conf");

        assertThat(load.warnings()).isEmpty();
        assertThat(load.config().connections().values()).extracting(IkeConnection::allowWeak)
            .isEqualTo(List.of(true, false));
    }
}
