package io.torii.dataplane.config;

import io.torii.dataplane.sadb.SaConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a static SA file: settings syntax, one top-level section per SA, the section's name
 * becoming {@link SaConfig#name()}. For example:
 * <pre>
 * sa-out {
 *     spi = 0x00001000              # 32 bits, decimal or 0x hex; 256 and up
 *     src = 192.0.2.1               # IPv4 or IPv6 literals only, never host names
 *     dst = 192.0.2.2
 *     protocol = esp                # esp (default) or ah
 *     mode = tunnel                 # tunnel (default) or transport
 *     encap = no                    # yes: ESP in UDP; sport and dport default to 4500
 *     proposal = aes128gcm16        # strongSwan keywords: aes256-sha256, sha256 for AH, ...-esn
 *     enc_key = 0x0102030405060708090a0b0c0d0e0f1011121314   # key then salt; 0x... or 01:02:...
 *     integ_key = 0x...             # only with a separate integrity algorithm
 *     esn = no                      # default: what the proposal says, else no
 *     seq = 0                       # last sent (next is seq+1), or highest seen inbound; default 0
 *     replay_window = 64            # packets, 0 turns replay checks off; default 64
 *     tfc_pad = 0                   # pad tunnel payloads to this length; default 0
 * }
 * </pre>
 * Every error names the file and line of the key at fault (or of the section, for a missing key).
 */
public final class SaFileReader
{
    private SaFileReader()
    {
    }

    /**
     * @param file the SA file; includes are relative to its directory.
     * @return the SAs in file order.
     * @throws SettingsException naming the file, line and what was expected.
     */
    public static List<SaConfig> read(final Path file)
    {
        return fromSettings(SettingsParser.parse(file));
    }

    /**
     * @param text the SA file's content.
     * @param sourceName the name errors give, such as the file name.
     * @return the SAs in file order.
     * @throws SettingsException naming the source, line and what was expected.
     */
    public static List<SaConfig> read(final String text, final String sourceName)
    {
        return fromSettings(SettingsParser.parse(text, sourceName));
    }

    /**
     * @param root a parsed SA file.
     * @return the SAs in file order, unmodifiable; the caller owns their keys.
     * @throws SettingsException naming the file, line and what was expected. The SAs read before
     *         the error have their keys zeroed, since no one else will see them.
     */
    public static List<SaConfig> fromSettings(final SettingsSection root)
    {
        if (!root.values().isEmpty())
        {
            final SettingsValue value = root.values().firstEntry().getValue();
            throw new SettingsException(value.location(), "'" + value.key() + "' is outside any SA section; " +
                "write it inside 'name { ... }'");
        }
        final List<SaConfig> configs = new ArrayList<>(root.sections().size());
        boolean complete = false;
        try
        {
            for (final SettingsSection section : root.sections().values())
            {
                configs.add(SaSectionReader.read(section));
            }
            complete = true;
            return List.copyOf(configs);
        }
        finally
        {
            if (!complete)
            {
                for (final SaConfig config : configs)
                {
                    config.destroyKeys();
                }
            }
        }
    }
}
