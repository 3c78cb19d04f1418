package io.torii.ike.config;

import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.config.SettingsValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code local<suffix>} or {@code remote<suffix>} sections of a connection into
 * {@link AuthRound}s, sorted by their {@code round} key and then by their order in the file, as
 * strongSwan sorts them. Both kinds take the same keys, as strongSwan's parser does.
 */
final class AuthRoundReader
{
    private static final long MAX_ROUND = 0xFFFF_FFFFL;

    private AuthRoundReader()
    {
    }

    /**
     * @param connection the connection's keys; the round sections are marked as handled.
     * @param prefix {@code local} or {@code remote}.
     * @return the rounds in the order they are performed.
     */
    static List<AuthRound> rounds(final SectionKeys connection, final String prefix)
    {
        final List<AuthRound> rounds = new ArrayList<>();
        for (final Map.Entry<String, SettingsSection> entry : connection.section().sections().entrySet())
        {
            if (entry.getKey().startsWith(prefix))
            {
                connection.markSection(entry.getKey());
                rounds.add(round(entry.getValue(), prefix, connection));
            }
        }
        // A stable sort keeps rounds with equal (or no) round numbers in file order.
        rounds.sort(Comparator.comparingLong(AuthRound::round));
        return List.copyOf(rounds);
    }

    private static AuthRound round(final SettingsSection section, final String prefix, final SectionKeys connection)
    {
        final SectionKeys keys = new SectionKeys(section, prefix + " round '" + section.name() + "' of " +
            connection.description(), connection.warnings());
        final long round = keys.unsigned("round", MAX_ROUND, 0);
        final SettingsValue authValue = keys.value("auth");
        final AuthMethod auth = authValue == null ? AuthMethod.PUBKEY : AuthMethod.read(authValue);
        if (auth.authClass() == AuthMethod.AuthClass.XAUTH)
        {
            connection.warnings().notImplemented(authValue, "XAuth, an IKEv1 extension");
        }
        keys.notImplementedIfSet("xauth_id", "XAuth, an IKEv1 extension");
        final AuthRound result = new AuthRound(section.name(), section.location(), round, auth,
            keys.string("id", prefix.equals("remote") ? "%any" : ""),
            keys.string("eap_id", ""),
            keys.string("aaa_id", ""),
            keys.string("xauth_id", ""),
            keys.list("certs", List.of()),
            keys.list("pubkeys", List.of()),
            keys.list("cacerts", List.of()),
            keys.string("ca_id", ""),
            keys.keyword("revocation", RevocationPolicy.class, RevocationPolicy.RELAXED),
            keys.list("cert_policy", List.of()),
            keys.list("groups", List.of()));
        for (final Map.Entry<String, SettingsSection> entry : section.sections().entrySet())
        {
            if (entry.getKey().startsWith("cert") || entry.getKey().startsWith("cacert"))
            {
                // cert<suffix> and cacert<suffix> name a file or a PKCS#11 token object.
                keys.markSection(entry.getKey());
                connection.warnings().add(entry.getValue().location(), entry.getKey(), "certificate sections " +
                    "(a file or a token handle) are not implemented by Torii yet; use certs or cacerts instead");
            }
        }
        keys.finish();
        return result;
    }
}
