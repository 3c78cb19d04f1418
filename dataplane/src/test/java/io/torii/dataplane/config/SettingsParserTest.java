package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsParserTest
{
    private static SettingsValue find(final SettingsSection root, final String path)
    {
        return root.find(path).orElseThrow(() -> new AssertionError("no " + path));
    }

    @Test
    void readsNestedSectionsInOrderWithTheirLines()
    {
        final SettingsSection root = SettingsParser.parse("""
            # leading comment
            top = 1
            charon {
                threads = 16
                plugins {
                    kernel-netlink {
                        mtu = 1400
                    }
                    random { load = no }
                }
                filelog = x
            }
            zeta = last
            """, "main.conf");

        assertThat(root.name()).isEmpty();
        assertThat(root.values().keySet()).containsExactly("top", "zeta");
        assertThat(root.sections().keySet()).containsExactly("charon");
        final SettingsSection charon = root.section("charon").orElseThrow();
        assertThat(charon.location()).isEqualTo(new SettingsLocation("main.conf", 3));
        assertThat(charon.values().keySet()).containsExactly("threads", "filelog");
        assertThat(charon.section("plugins").orElseThrow().sections().keySet())
            .containsExactly("kernel-netlink", "random");
        assertThat(find(root, "charon.plugins.kernel-netlink.mtu"))
            .isEqualTo(new SettingsValue("mtu", "1400", new SettingsLocation("main.conf", 7)));
        assertThat(find(root, "charon.plugins.random.load"))
            .isEqualTo(new SettingsValue("load", "no", new SettingsLocation("main.conf", 9)));
        assertThat(find(root, "zeta").location().line()).isEqualTo(13);
        assertThat(find(root, "top").value()).isEqualTo("1");
        assertThat(root.find("charon.nothing.mtu")).isEmpty();
        assertThat(root.find("charon.plugins.random.unset")).isEmpty();
    }

    @Test
    void readsValuesAsStrongSwanDoes()
    {
        final SettingsSection root = SettingsParser.parse("""
            a = value with   spaces   # comment
            b = "quoted # not a comment"  # comment
            c =
            d=no-spaces
            e = x=y:z.w,v{
            f = "  padded  "
            g = one "two  three" four
            h = "q\\"q \\\\ n\\n t\\t r\\r x\\x"
            i = ""
            \tj\t=\ttabs\t
            schlüssel = wert
            """, "values.conf");

        assertThat(find(root, "a").value()).isEqualTo("value with spaces");
        assertThat(find(root, "b").value()).isEqualTo("quoted # not a comment");
        assertThat(find(root, "c").value()).isEmpty();
        assertThat(find(root, "c").isEmpty()).isTrue();
        assertThat(find(root, "d").value()).isEqualTo("no-spaces");
        assertThat(find(root, "e").value()).isEqualTo("x=y:z.w,v{");
        assertThat(find(root, "f").value()).isEqualTo("  padded  ");
        assertThat(find(root, "g").value()).isEqualTo("one two  three four");
        assertThat(find(root, "h").value()).isEqualTo("q\"q \\ n\n t\t r\r xx");
        assertThat(find(root, "i").value()).isEmpty();
        assertThat(find(root, "j").value()).isEqualTo("tabs");
        assertThat(find(root, "schlüssel").value()).isEqualTo("wert");
        assertThat(root.values().keySet()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
            "schlüssel");
    }

    @Test
    void quotedStringsMaySpanLinesAndKeepLineNumbersRight()
    {
        final SettingsSection root = SettingsParser.parse("""
            m = "line one
            line two"
            k = "abc\\
            def"
            n = after
            """, "multi.conf");

        assertThat(find(root, "m")).isEqualTo(new SettingsValue("m", "line one\nline two",
            new SettingsLocation("multi.conf", 1)));
        assertThat(find(root, "k").value()).isEqualTo("abcdef");
        assertThat(find(root, "k").location().line()).isEqualTo(3);
        assertThat(find(root, "n").location().line()).isEqualTo(5);
    }

    @Test
    void bracesMayShareALineOrStandOnLaterOnes()
    {
        final SettingsSection root = SettingsParser.parse("""
            s { a = 1 }
            s2 { t { u = v } } w = z
            later
            # a comment between the name and its brace

            {
              k = v
            }
            key
            = on the next line
            """, "braces.conf");

        assertThat(find(root, "s.a").value()).isEqualTo("1");
        assertThat(find(root, "s2.t.u").value()).isEqualTo("v");
        assertThat(find(root, "w").value()).isEqualTo("z");
        assertThat(find(root, "later.k").location().line()).isEqualTo(7);
        assertThat(root.section("later").orElseThrow().location().line()).isEqualTo(3);
        assertThat(find(root, "key")).isEqualTo(new SettingsValue("key", "on the next line",
            new SettingsLocation("braces.conf", 9)));
    }

    @Test
    void laterValuesOverrideInTheFirstPosition()
    {
        final SettingsSection root = SettingsParser.parse("a = 1\nb = 2\na = 3\n", "override.conf");

        assertThat(root.values().keySet()).containsExactly("a", "b");
        assertThat(find(root, "a")).isEqualTo(new SettingsValue("a", "3", new SettingsLocation("override.conf", 3)));
    }

    @Test
    void sectionsWithTheSameNameMerge()
    {
        final SettingsSection root = SettingsParser.parse("""
            s {
                x = 1
                sub {
                    p = 1
                }
            }
            t {
            }
            s {
                y = 2
                x = 9
                sub {
                    q = 2
                }
            }
            """, "merge.conf");

        assertThat(root.sections().keySet()).containsExactly("s", "t");
        final SettingsSection s = root.section("s").orElseThrow();
        assertThat(s.location().line()).isEqualTo(1);
        assertThat(s.values().keySet()).containsExactly("x", "y");
        assertThat(find(root, "s.x")).isEqualTo(new SettingsValue("x", "9", new SettingsLocation("merge.conf", 11)));
        assertThat(s.section("sub").orElseThrow().values().keySet()).containsExactly("p", "q");
    }

    @Test
    void keepsSectionReferencesAsWritten()
    {
        final SettingsSection root = SettingsParser.parse("""
            base { a = 1 }
            derived : base, other.deep
            {
                k = v
            }
            derived : base, third { }
            """, "refs.conf");

        final SettingsSection derived = root.section("derived").orElseThrow();
        assertThat(derived.references()).containsExactly("base", "other.deep", "third");
        assertThat(find(root, "derived.k").value()).isEqualTo("v");
        assertThat(root.section("base").orElseThrow().references()).isEmpty();
    }

    @Test
    void readsCarriageReturnLineFeedFiles()
    {
        final SettingsSection root = SettingsParser.parse("a = b\r\nc {\r\n  d = \"e\"\r\n}\r\n", "crlf.conf");

        assertThat(find(root, "a").value()).isEqualTo("b");
        assertThat(find(root, "c.d")).isEqualTo(new SettingsValue("d", "e", new SettingsLocation("crlf.conf", 3)));
    }

    @Test
    void includeFollowedByEqualsIsAKey()
    {
        final SettingsSection root = SettingsParser.parse("include = yes\ns { include=no }\n", "keys.conf");

        assertThat(find(root, "include").value()).isEqualTo("yes");
        assertThat(find(root, "s.include").value()).isEqualTo("no");
    }

    @Test
    void emptyTextGivesAnEmptyRoot()
    {
        final SettingsSection root = SettingsParser.parse("  # only a comment\n\n", "empty.conf");

        assertThat(root.values()).isEmpty();
        assertThat(root.sections()).isEmpty();
        assertThat(root.location()).isEqualTo(new SettingsLocation("empty.conf", 0));
    }

    @Test
    void toStringsNeverShowValues()
    {
        final SettingsSection root = SettingsParser.parse("sa { enc_key = 0xsecret }\n", "secret.conf");

        assertThat(root.toString()).doesNotContain("0xsecret");
        assertThat(root.section("sa").orElseThrow().toString()).doesNotContain("0xsecret");
        assertThat(find(root, "sa.enc_key").toString()).doesNotContain("0xsecret").contains("enc_key");
    }
}
