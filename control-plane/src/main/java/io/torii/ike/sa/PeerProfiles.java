package io.torii.ike.sa;

import io.torii.dataplane.config.SettingsException;
import io.torii.ike.auth.CertificateAuth;
import io.torii.ike.auth.CertificateIdentity;
import io.torii.ike.auth.ConnectionCertificates;
import io.torii.ike.auth.Credentials;
import io.torii.ike.config.AuthMethod;
import io.torii.ike.config.AuthRound;
import io.torii.ike.config.ChildConfig;
import io.torii.ike.config.ChildMode;
import io.torii.ike.config.IkeAddress;
import io.torii.ike.config.IkeConnection;
import io.torii.ike.config.SharedSecret;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.ProposalParseResult;
import io.torii.ike.proposal.ProposalStringParser;
import io.torii.ike.proposal.SelectionPreference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns swanctl.conf connections into the profiles IKE SAs are negotiated from: proposals parsed as
 * strongSwan parses them, identities read, the pre-shared key found as strongSwan finds it (the
 * {@code ike} secret whose ids match both identities best; one without ids matches any), and for
 * {@code pubkey} rounds the certificates picked from the loaded credentials. Weak algorithms are refused
 * unless the connection sets Torii's {@code allow_weak = yes} ({@link WeakAlgorithmNotice} words the log
 * line for those that do). What this version cannot do
 * yet (EAP, several rounds) is an error naming the file and line.
 */
public final class PeerProfiles
{
    private PeerProfiles()
    {
    }

    /**
     * @param config the loaded swanctl.conf.
     * @param retransmit the daemon's retransmission settings.
     * @return one profile per connection, in file order.
     * @throws SettingsException naming the connection's file and line when it cannot be used.
     */
    public static List<PeerProfile> from(final SwanctlConfig config, final RetransmitSchedule retransmit)
    {
        return from(config, Credentials.none(java.nio.file.Path.of(".")), retransmit);
    }

    /**
     * @param config the loaded swanctl.conf.
     * @param credentials the credentials loaded from the folders beside it.
     * @param retransmit the daemon's retransmission settings.
     * @return one profile per connection, in file order.
     * @throws SettingsException naming the connection's file and line when it cannot be used.
     */
    public static List<PeerProfile> from(final SwanctlConfig config, final Credentials credentials,
        final RetransmitSchedule retransmit)
    {
        final List<PeerProfile> profiles = new ArrayList<>();
        for (final IkeConnection connection : config.connections().values())
        {
            profiles.add(from(connection, config.sharedSecrets(), credentials, retransmit));
        }
        return profiles;
    }

    /**
     * @param connection one connection.
     * @param secrets the {@code secrets} section's shared secrets.
     * @param retransmit the daemon's retransmission settings.
     * @return its profile.
     * @throws SettingsException naming the connection's file and line when it cannot be used.
     */
    public static PeerProfile from(final IkeConnection connection, final List<SharedSecret> secrets,
        final RetransmitSchedule retransmit)
    {
        return from(connection, secrets, Credentials.none(java.nio.file.Path.of(".")), retransmit);
    }

    /**
     * @param connection one connection.
     * @param secrets the {@code secrets} section's shared secrets.
     * @param credentials the credentials loaded from the folders beside swanctl.conf.
     * @param retransmit the daemon's retransmission settings.
     * @return its profile.
     * @throws SettingsException naming the connection's file and line when it cannot be used.
     */
    public static PeerProfile from(final IkeConnection connection, final List<SharedSecret> secrets,
        final Credentials credentials, final RetransmitSchedule retransmit)
    {
        final String name = connection.name();
        final AuthRound local = singleRound(connection, connection.localAuth(), "local");
        final AuthRound remote = singleRound(connection, connection.remoteAuth(), "remote");
        for (final AuthRound round : List.of(local, remote))
        {
            final AuthMethod.AuthClass authClass = round.auth().authClass();
            if (authClass != AuthMethod.AuthClass.PSK && authClass != AuthMethod.AuthClass.PUBKEY)
            {
                throw new SettingsException(round.location(), name + ": auth = " + round.auth().text() +
                    ": only psk and pubkey are implemented so far");
            }
        }
        final CertificateAuth certificates = ConnectionCertificates.of(connection, local, remote, credentials);
        final IkeIdentity localId = certificates.signsLocally() && local.id().isEmpty() ?
            CertificateIdentity.subject(certificates.local().certificate()) : localIdentity(connection, local);
        final IkeIdentity remoteId = IkeIdentity.parse(remote.id());
        if (connection.children().isEmpty())
        {
            throw new SettingsException(connection.location(), name + ": no children: a connection needs at " +
                "least one child to set up with the IKE SA");
        }
        final ChildConfig childConfig = connection.children().firstEntry().getValue();
        final boolean usesPsk = !certificates.signsLocally() || !certificates.verifiesPeer();
        final byte[] psk = usesPsk ? findPsk(connection, secrets, localId, remoteId) : new byte[0];
        final ChildProfile first = child(connection, childConfig);
        final List<ChildProfile> children = new ArrayList<>(List.of(first));
        for (final ChildConfig other : connection.children().values())
        {
            if (other != childConfig)
            {
                children.add(child(connection, other));
            }
        }
        try
        {
            return new PeerProfile(name, proposals(connection, Proposal.IKE, connection.proposals()), localId,
                remoteId, psk, first, retransmit, connection.encap(), children, connection.dpdDelay(), certificates,
                new FragmentationPolicy(connection.fragmentation(), FragmentationPolicy.DEFAULT_FRAGMENT_SIZE),
                SelectionPreference.CONFIGURED, connection.lifetime(), connection.mobike(), connection.unique());
        }
        finally
        {
            Arrays.fill(psk, (byte)0);
        }
    }

    private static AuthRound singleRound(final IkeConnection connection, final List<AuthRound> rounds,
        final String side)
    {
        if (rounds.size() != 1)
        {
            throw new SettingsException(connection.location(), connection.name() + ": " + rounds.size() + " " +
                side + " authentication rounds: exactly one (a " + side + " section) is supported so far");
        }
        return rounds.getFirst();
    }

    private static IkeIdentity localIdentity(final IkeConnection connection, final AuthRound local)
    {
        if (!local.id().isEmpty())
        {
            return IkeIdentity.parse(local.id());
        }
        // strongSwan's default local identity is the IKE address; here it must be one configured address.
        if (connection.localAddrs().size() == 1 && connection.localAddrs().getFirst() instanceof IkeAddress.Host host)
        {
            return IkeIdentity.of(host.address());
        }
        throw new SettingsException(local.location(), connection.name() + ": set the local id, or give one " +
            "local address in local_addrs for it to default to");
    }

    private static ChildProfile child(final IkeConnection connection, final ChildConfig child)
    {
        if (child.mode() != ChildMode.TUNNEL && child.mode() != ChildMode.TRANSPORT)
        {
            throw new SettingsException(child.location(), connection.name() + "." + child.name() + ": mode = " +
                child.mode().name().toLowerCase(java.util.Locale.ROOT) + ": tunnel or transport so far");
        }
        if (!child.ahProposals().isEmpty())
        {
            throw new SettingsException(child.location(), connection.name() + "." + child.name() +
                ": ah_proposals: only ESP children are negotiated so far");
        }
        return new ChildProfile(child.name(), proposals(connection, Proposal.ESP, child.espProposals()),
            child.localTs(), child.remoteTs(), child.mode() == ChildMode.TRANSPORT, child.replayWindow(),
            child.lifetime());
    }

    private static List<Proposal> proposals(final IkeConnection connection, final int protocol,
        final List<String> strings)
    {
        final ProposalParseResult result = ProposalStringParser.parse(protocol, strings, connection.allowWeak());
        if (result instanceof ProposalParseResult.Parsed parsed)
        {
            return parsed.proposals();
        }
        // When weakness alone stands in the way, say how to allow it rather than leave the reader to guess.
        final boolean weakOnly = !connection.allowWeak() &&
            ProposalStringParser.parse(protocol, strings, true) instanceof ProposalParseResult.Parsed;
        throw new SettingsException(connection.location(), connection.name() + ": " +
            ((ProposalParseResult.Invalid)result).message() + (weakOnly ? "; Torii refuses weak algorithms " +
            "unless the connection sets allow_weak = yes" : ""));
    }

    /** The ike secret whose ids match best: both identities, then one, then a secret without ids. */
    private static byte[] findPsk(final IkeConnection connection, final List<SharedSecret> secrets,
        final IkeIdentity localId, final IkeIdentity remoteId)
    {
        SharedSecret best = null;
        int bestScore = -1;
        for (final SharedSecret secret : secrets)
        {
            if (secret.type() != SharedSecret.Type.IKE)
            {
                continue;
            }
            int score = 0;
            boolean applies = secret.ids().isEmpty();
            for (final String id : secret.ids())
            {
                final IkeIdentity identity = IkeIdentity.parse(id);
                if (identity.equals(localId) || (!remoteId.isAny() && identity.equals(remoteId)))
                {
                    applies = true;
                    score++;
                }
            }
            if (applies && score > bestScore)
            {
                best = secret;
                bestScore = score;
            }
        }
        if (best == null)
        {
            throw new SettingsException(connection.location(), connection.name() + ": no ike secret in the " +
                "secrets section for " + localId + " or " + remoteId);
        }
        return best.secret().bytes();
    }
}
