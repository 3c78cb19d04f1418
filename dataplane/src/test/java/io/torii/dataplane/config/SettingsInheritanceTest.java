package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Section references resolved as strongSwan looks them up, starting from strongswan.conf(5)'s own
 * example ("Referencing other sections").
 */
class SettingsInheritanceTest
{
    /** The man page's example, with a setting in each template so that inheritance shows. */
    private static final String MAN_PAGE_EXAMPLE = """
        conn-defaults {
            local_addrs = 192.0.2.1
            proposals = aes256-sha256-x25519
            local { auth = pubkey }
        }
        eap-defaults {
            remote { auth = eap-mschapv2 }
            proposals = aes128-sha256-modp3072
        }
        child-defaults {
            local_ts = 10.1.0.0/24
            esp_proposals = aes256gcm16
        }
        connections {
            conn-a : conn-defaults, eap-defaults {
                remote_addrs = 198.51.100.1
                children {
                    child-a : child-defaults {
                        remote_ts = 10.2.0.0/24
                    }
                }
            }
            conn-b : conn-defaults {
                proposals = aes128gcm16-x25519
                children {
                    child-b : child-defaults {
                        local_ts = 10.3.0.0/24
                    }
                }
            }
            conn-c : connections.conn-a {
                remote_addrs = 203.0.113.9
            }
        }
        """;

    private static SettingsSection resolved(final String text)
    {
        return SettingsInheritance.resolve(SettingsParser.parse(text, "refs.conf"));
    }

    private static String value(final SettingsSection root, final String path)
    {
        return root.find(path).orElseThrow(() -> new AssertionError("no " + path)).value();
    }

    @Test
    void connectionsInheritFromTopLevelTemplatesAsTheManPageShows()
    {
        final SettingsSection root = resolved(MAN_PAGE_EXAMPLE);

        assertThat(value(root, "connections.conn-a.local_addrs")).isEqualTo("192.0.2.1");
        assertThat(value(root, "connections.conn-a.remote_addrs")).isEqualTo("198.51.100.1");
        assertThat(value(root, "connections.conn-a.local.auth")).isEqualTo("pubkey");
        assertThat(value(root, "connections.conn-a.remote.auth")).isEqualTo("eap-mschapv2");
        assertThat(value(root, "connections.conn-a.children.child-a.local_ts")).isEqualTo("10.1.0.0/24");
        assertThat(value(root, "connections.conn-a.children.child-a.remote_ts")).isEqualTo("10.2.0.0/24");
        assertThat(value(root, "connections.conn-b.children.child-b.local_ts")).isEqualTo("10.3.0.0/24");
        assertThat(value(root, "connections.conn-b.children.child-b.esp_proposals")).isEqualTo("aes256gcm16");
        assertThat(root.find("connections.conn-b.remote.auth")).isEmpty();
    }

    @Test
    void theFirstReferenceWinsAndTheSectionsOwnValuesWinOverBoth()
    {
        final SettingsSection root = resolved(MAN_PAGE_EXAMPLE);

        // conn-defaults comes before eap-defaults in conn-a's list.
        assertThat(value(root, "connections.conn-a.proposals")).isEqualTo("aes256-sha256-x25519");
        assertThat(value(root, "connections.conn-b.proposals")).isEqualTo("aes128gcm16-x25519");
    }

    @Test
    void aDottedReferenceInheritsEverythingTheReferencedSectionInheritsIncludingItsChildren()
    {
        final SettingsSection root = resolved(MAN_PAGE_EXAMPLE);

        assertThat(value(root, "connections.conn-c.remote_addrs")).isEqualTo("203.0.113.9");
        assertThat(value(root, "connections.conn-c.local_addrs")).isEqualTo("192.0.2.1");
        assertThat(value(root, "connections.conn-c.remote.auth")).isEqualTo("eap-mschapv2");
        assertThat(value(root, "connections.conn-c.children.child-a.local_ts")).isEqualTo("10.1.0.0/24");
        assertThat(value(root, "connections.conn-c.children.child-a.remote_ts")).isEqualTo("10.2.0.0/24");
    }

    @Test
    void ownKeysAndSectionsComeFirstThenInheritedOnesLeftToRight()
    {
        final SettingsSection conn =
            resolved(MAN_PAGE_EXAMPLE).section("connections").orElseThrow().section("conn-a").orElseThrow();

        assertThat(conn.values().keySet()).containsExactly("remote_addrs", "local_addrs", "proposals");
        assertThat(conn.sections().keySet()).containsExactly("children", "local", "remote");
        assertThat(conn.references()).isEmpty();
        assertThat(conn.location()).isEqualTo(new SettingsLocation("refs.conf", 15));
    }

    @Test
    void inheritedValuesKeepTheTemplatesLineForErrorMessages()
    {
        final SettingsSection root = resolved(MAN_PAGE_EXAMPLE);

        assertThat(root.find("connections.conn-a.local_addrs").orElseThrow().location())
            .isEqualTo(new SettingsLocation("refs.conf", 2));
        assertThat(root.find("connections.conn-c.children.child-a.esp_proposals").orElseThrow().location())
            .isEqualTo(new SettingsLocation("refs.conf", 12));
    }

    @Test
    void anEmptyAssignmentClearsAnInheritedValue()
    {
        final SettingsSection root = resolved("""
            base { rekey_time = 1h }
            conn : base { rekey_time = }
            """);

        assertThat(root.find("conn.rekey_time").orElseThrow().isEmpty()).isTrue();
    }

    @Test
    void subsectionsOfTheSameNameMergeKeyByKey()
    {
        final SettingsSection root = resolved("""
            base {
                local { auth = psk
                        id = a.example }
            }
            conn : base {
                local { id = b.example }
            }
            """);

        assertThat(value(root, "conn.local.id")).isEqualTo("b.example");
        assertThat(value(root, "conn.local.auth")).isEqualTo("psk");
    }

    @Test
    void aSubsectionsOwnReferenceAddsToWhatItsParentInherits()
    {
        final SettingsSection root = resolved("""
            tls { auth = pubkey }
            base { local { id = base.example
                           auth = psk } }
            conn : base { local : tls { } }
            """);

        // conn.local itself, then tls (its own reference), then base.local (through the parent's).
        assertThat(value(root, "conn.local.auth")).isEqualTo("pubkey");
        assertThat(value(root, "conn.local.id")).isEqualTo("base.example");
    }

    @Test
    void aReferencePathMayRunThroughInheritedSections()
    {
        final SettingsSection root = resolved("""
            base { children { net { mode = transport } } }
            connections {
                a : base { }
                b { children { net : connections.a.children.net { } } }
            }
            """);

        assertThat(value(root, "connections.b.children.net.mode")).isEqualTo("transport");
    }

    @Test
    void aBareNameNamesATopLevelSectionNotASibling()
    {
        final SettingsSection root = resolved("""
            base { version = 2 }
            connections {
                base { version = 0 }
                conn : base { }
            }
            """);

        assertThat(value(root, "connections.conn.version")).isEqualTo("2");
    }

    @Test
    void aMissingSectionIsAnErrorAtTheReferringSectionWithAHintForSiblings()
    {
        assertError(() -> resolved("""
            connections {
                base { version = 2 }

                conn : base { }
            }
            """), "refs.conf", 4, "section 'connections.conn' inherits from 'base', which does not exist; " +
            "references are paths from the top level, so write 'connections.base'");
        assertError(() -> resolved("a : nowhere.deep { }\n"), "refs.conf", 1,
            "inherits from 'nowhere.deep', which does not exist");
    }

    @Test
    void aCycleIsAnErrorNamingItsSections()
    {
        assertError(() -> resolved("""
            a : b { x = 1 }
            b : c { }
            c : a { }
            """), "refs.conf", 1, "section 'a' inherits from 'b', which inherits from it in turn: b -> c -> a -> b");
        assertError(() -> resolved("self : self { }\n"), "refs.conf", 1, "self -> self");
    }

    @Test
    void inheritingFromAnEnclosingSectionIsAnError()
    {
        assertError(() -> resolved("""
            connections {
                a : connections { }
            }
            """), "refs.conf", 2, "inherits from a section that contains it");
    }

    @Test
    void aTreeWithoutReferencesIsReturnedAsItIs()
    {
        final SettingsSection root = SettingsParser.parse("a { b = 1 }\n", "plain.conf");

        assertThat(SettingsInheritance.resolve(root)).isSameAs(root);
        assertThat(SettingsInheritance.referencedPaths(root)).isEmpty();
    }

    @Test
    void referencedPathsListsEveryTemplate()
    {
        assertThat(SettingsInheritance.referencedPaths(SettingsParser.parse(MAN_PAGE_EXAMPLE, "refs.conf")))
            .containsExactly("child-defaults", "conn-defaults", "connections.conn-a", "eap-defaults");
    }
}
