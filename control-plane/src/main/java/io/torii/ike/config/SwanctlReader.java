package io.torii.ike.config;

import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsInheritance;
import io.torii.dataplane.config.SettingsParser;
import io.torii.dataplane.config.SettingsSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Reads swanctl.conf(5), the configuration strongSwan's swanctl loads, into a {@link SwanctlConfig}.
 * The top level holds {@code connections}, {@code secrets}, {@code authorities} and {@code pools};
 * anything else draws a warning, except top-level sections that other sections inherit from.
 *
 * <p>Sections may inherit from others ({@code conn-a : conn-defaults { ... }}) as strongswan.conf(5)
 * describes; {@link SettingsInheritance} resolves the references before anything is read, so an
 * inherited key behaves, and draws warnings, exactly as if it were written in the section.
 *
 * <p>Torii extension: {@code connections.<conn>.allow_weak = yes} lets that connection's IKE and ESP
 * proposals use algorithms Torii otherwise refuses as weak (MODP-1024 and the other small MODP groups,
 * SHA-1 and MD5, DES, 3DES and Blowfish); the daemon logs one warning naming the connection and the weak
 * algorithms it allowed. strongSwan's swanctl does not know the key (it would warn about it).
 *
 * <pre>
 * SwanctlLoad load = SwanctlReader.read(Path.of("/etc/swanctl/swanctl.conf"));
 * load.warnings().forEach(System.err::println);
 * IkeConnection gateway = load.config().connections().get("gw");
 * </pre>
 */
public final class SwanctlReader
{
    private SwanctlReader()
    {
    }

    /**
     * @param file the swanctl.conf; its includes are relative to its directory.
     * @return the configuration and the warnings.
     * @throws SettingsException naming the file, line and what was expected, for a syntax error, a bad
     *         value or a configuration Torii refuses (IKEv1, a reference to a missing section, a
     *         reference cycle).
     */
    public static SwanctlLoad read(final Path file)
    {
        return read(SettingsParser.parse(file));
    }

    /**
     * @param text the configuration text.
     * @param sourceName the name locations give, such as a file name.
     * @return the configuration and the warnings.
     * @throws SettingsException naming the source, line and what was expected.
     */
    public static SwanctlLoad read(final String text, final String sourceName)
    {
        return read(SettingsParser.parse(text, sourceName));
    }

    /**
     * @param root a parsed settings tree.
     * @return the configuration and the warnings.
     * @throws SettingsException naming the file, line and what was expected.
     */
    public static SwanctlLoad read(final SettingsSection root)
    {
        return read(root, NetworkNames.system());
    }

    static SwanctlLoad read(final SettingsSection written, final NetworkNames names)
    {
        final SettingsSection root = SettingsInheritance.resolve(written);
        final Warnings warnings = new Warnings();
        final SectionKeys top = new SectionKeys(root, "swanctl.conf's top level", warnings);
        // Templates at the top level are there to be inherited from; swanctl ignores them quietly.
        for (final String template : SettingsInheritance.referencedPaths(written))
        {
            top.markSection(template.split("\\.", 2)[0]);
        }
        final SequencedMap<String, IkeConnection> connections = new LinkedHashMap<>();
        final List<SharedSecret> sharedSecrets = new ArrayList<>();
        final List<PrivateKeySecret> privateKeys = new ArrayList<>();
        final SequencedMap<String, Authority> authorities = new LinkedHashMap<>();
        final SequencedMap<String, AddressPool> pools = new LinkedHashMap<>();
        for (final SettingsSection connection : subsections(top, "connections"))
        {
            connections.put(connection.name(), ConnectionReader.read(connection, warnings, names));
        }
        final SettingsSection secrets = root.sections().get("secrets");
        if (secrets != null)
        {
            top.markSection("secrets");
            SecretsReader.read(secrets, warnings, sharedSecrets, privateKeys);
        }
        for (final SettingsSection authority : subsections(top, "authorities"))
        {
            authorities.put(authority.name(), AuthorityReader.authority(authority, warnings));
        }
        for (final SettingsSection pool : subsections(top, "pools"))
        {
            pools.put(pool.name(), AuthorityReader.pool(pool, warnings));
        }
        top.finish();
        return new SwanctlLoad(new SwanctlConfig(connections, sharedSecrets, privateKeys, authorities, pools),
            warnings.list());
    }

    /**
     * @return the subsections of a top-level section that holds only named subsections; keys in it
     *         draw warnings.
     */
    private static List<SettingsSection> subsections(final SectionKeys top, final String name)
    {
        final SettingsSection section = top.section().sections().get(name);
        if (section == null)
        {
            return List.of();
        }
        top.markSection(name);
        final SectionKeys keys = new SectionKeys(section, name, top.warnings());
        section.sections().keySet().forEach(keys::markSection);
        keys.finish();
        return List.copyOf(section.sections().values());
    }
}
