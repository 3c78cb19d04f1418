package io.torii.ike.config;

import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.config.SettingsValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Reads {@code authorities.<name>} and {@code pools.<name>} sections.
 */
final class AuthorityReader
{
    private static final long MAX_SLOT = 0xFFFF_FFFFL;

    private AuthorityReader()
    {
    }

    static Authority authority(final SettingsSection section, final Warnings warnings)
    {
        final SectionKeys keys = new SectionKeys(section, "authority '" + section.name() + "'", warnings);
        final Authority authority = new Authority(section.name(), section.location(),
            keys.string("cacert", ""), keys.string("file", ""), keys.string("handle", ""),
            keys.unsigned("slot", MAX_SLOT, -1), keys.string("module", ""),
            keys.list("crl_uris", List.of()), keys.list("ocsp_uris", List.of()), keys.string("cert_uri_base", ""));
        final int sources = (authority.cacert().isEmpty() ? 0 : 1) + (authority.file().isEmpty() ? 0 : 1) +
            (authority.handle().isEmpty() ? 0 : 1);
        if (sources != 1)
        {
            throw new SettingsException(section.location(), "authority '" + section.name() + "' needs exactly " +
                "one of cacert, file or handle to name its certificate, found " + sources);
        }
        if (!authority.handle().isEmpty())
        {
            warnings.add(section.location(), section.name(), "PKCS#11 tokens are not implemented by Torii yet; " +
                "the CA certificate cannot be loaded from handle");
        }
        keys.finish();
        return authority;
    }

    static AddressPool pool(final SettingsSection section, final Warnings warnings)
    {
        final SectionKeys keys = new SectionKeys(section, "pool '" + section.name() + "'", warnings);
        final SequencedMap<String, List<String>> attributes = new LinkedHashMap<>();
        String addrs = "";
        for (final Map.Entry<String, SettingsValue> entry : section.values().entrySet())
        {
            final SettingsValue value = keys.value(entry.getKey());
            if (value == null)
            {
                continue;
            }
            if (entry.getKey().equals("addrs"))
            {
                addrs = value.value();
            }
            else
            {
                attributes.put(entry.getKey(), SwanctlValues.list(value));
            }
        }
        warnings.add(section.location(), section.name(), "virtual IP pools are not implemented by Torii yet; " +
            "the pool is read but not used");
        keys.finish();
        return new AddressPool(section.name(), section.location(), addrs, attributes);
    }
}
