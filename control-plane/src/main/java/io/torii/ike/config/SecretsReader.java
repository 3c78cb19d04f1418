package io.torii.ike.config;

import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.config.SettingsValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code secrets} section. Each subsection's name starts with the kind of secret:
 * {@code ike}, {@code eap}, {@code xauth}, {@code ntlm} or {@code ppk} for shared secrets,
 * {@code private}, {@code rsa}, {@code ecdsa}, {@code pkcs8}, {@code pkcs12} or {@code token} for
 * private keys. A shared secret without {@code secret} is an error, where swanctl refuses to load it.
 */
final class SecretsReader
{
    private static final List<String> KEY_FILE_KINDS = List.of("private", "rsa", "ecdsa", "pkcs8", "pkcs12");
    private static final long MAX_SLOT = 0xFFFF_FFFFL;

    private SecretsReader()
    {
    }

    static void read(final SettingsSection secrets, final Warnings warnings, final List<SharedSecret> shared,
        final List<PrivateKeySecret> privateKeys)
    {
        final SectionKeys keys = new SectionKeys(secrets, "secrets", warnings);
        for (final SettingsSection section : secrets.sections().values())
        {
            final SharedSecret.Type type = sharedType(section.name());
            final String keyKind = keyKind(section.name());
            if (type != null)
            {
                keys.markSection(section.name());
                shared.add(shared(section, type, warnings));
            }
            else if (keyKind != null)
            {
                keys.markSection(section.name());
                privateKeys.add(privateKey(section, keyKind, warnings));
            }
        }
        keys.finish();
    }

    private static SharedSecret.Type sharedType(final String name)
    {
        for (final SharedSecret.Type type : SharedSecret.Type.values())
        {
            if (name.startsWith(type.name().toLowerCase(java.util.Locale.ROOT)))
            {
                return type;
            }
        }
        return null;
    }

    private static String keyKind(final String name)
    {
        for (final String kind : KEY_FILE_KINDS)
        {
            if (name.startsWith(kind))
            {
                return kind;
            }
        }
        return name.startsWith("token") ? "token" : null;
    }

    private static SharedSecret shared(final SettingsSection section, final SharedSecret.Type type,
        final Warnings warnings)
    {
        final SectionKeys keys = new SectionKeys(section, "secret '" + section.name() + "'", warnings);
        final List<String> ids = new ArrayList<>();
        for (final Map.Entry<String, SettingsValue> entry : section.values().entrySet())
        {
            if (entry.getKey().startsWith("id"))
            {
                final SettingsValue id = keys.value(entry.getKey());
                if (id != null)
                {
                    ids.add(id.value());
                }
            }
        }
        final SettingsValue secretValue = keys.value("secret");
        if (secretValue == null)
        {
            throw new SettingsException(section.location(), "secret '" + section.name() + "' has no secret " +
                "key; expected secret = the key, as text, 0x then hex or 0s then Base64");
        }
        final SecretValue secret = SecretValue.decode(secretValue);
        if (type == SharedSecret.Type.XAUTH)
        {
            warnings.add(section.location(), section.name(), "XAuth is an IKEv1 extension Torii does not " +
                "implement; the secret is kept for EAP, as strongSwan also uses it");
        }
        else if (type == SharedSecret.Type.PPK)
        {
            warnings.add(section.location(), section.name(), "postquantum preshared keys (RFC 8784) are not " +
                "implemented by Torii yet; the secret is unused");
        }
        keys.finish();
        return new SharedSecret(type, section.name(), section.location(), ids, secret);
    }

    private static PrivateKeySecret privateKey(final SettingsSection section, final String kind,
        final Warnings warnings)
    {
        final SectionKeys keys = new SectionKeys(section, "secret '" + section.name() + "'", warnings);
        final boolean token = kind.equals("token");
        final SettingsValue secretValue = keys.value(token ? "pin" : "secret");
        final PrivateKeySecret result = new PrivateKeySecret(kind, section.name(), section.location(),
            token ? "" : keys.string("file", ""),
            token ? keys.string("handle", "") : "",
            token ? keys.unsigned("slot", MAX_SLOT, -1) : -1,
            token ? keys.string("module", "") : "",
            secretValue == null ? SecretValue.of(new byte[0]) : SecretValue.plain(secretValue));
        if (token)
        {
            warnings.add(section.location(), section.name(), "PKCS#11 tokens are not implemented by Torii yet; " +
                "the key cannot be used");
        }
        keys.finish();
        return result;
    }
}
