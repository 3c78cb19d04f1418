package io.torii.ike.config;

import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.config.SettingsValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Reads one {@code connections.<conn>} section into an {@link IkeConnection}, with its
 * authentication rounds and children, applying strongSwan's defaults and warning about the keys
 * Torii does not implement.
 */
final class ConnectionReader
{
    private static final int MAX_PORT = 65535;
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final List<IkeAddress> ANY = List.of(new IkeAddress.Any(0));
    /**
     * Torii's own key, read without a warning: lets the connection's proposals use weak algorithms.
     * swanctl would call it unknown; see {@link SwanctlReader}.
     */
    private static final String ALLOW_WEAK = "allow_weak";

    private ConnectionReader()
    {
    }

    static IkeConnection read(final SettingsSection section, final Warnings warnings, final NetworkNames names)
    {
        final SectionKeys keys = new SectionKeys(section, "connection '" + section.name() + "'", warnings);
        final int version = version(keys.value("version"));
        final SettingsValue localAddrs = keys.value("local_addrs");
        final SettingsValue remoteAddrs = keys.value("remote_addrs");
        warnAboutUnimplemented(keys);
        final SettingsValue fragmentationValue = keys.value("fragmentation");
        final Fragmentation fragmentation = fragmentationValue == null ?
            Fragmentation.YES : SwanctlValues.keyword(fragmentationValue, Fragmentation.class);
        if (fragmentation == Fragmentation.FORCE)
        {
            warnings.add(fragmentationValue.location(), fragmentationValue.key(), "force only changes IKEv1; " +
                "with IKEv2 Torii treats it as yes");
        }
        final SettingsValue dpdTimeout = keys.value("dpd_timeout");
        if (dpdTimeout != null && !SwanctlValues.time(dpdTimeout).isZero())
        {
            warnings.add(dpdTimeout.location(), dpdTimeout.key(), "dpd_timeout only applies to IKEv1; with IKEv2 " +
                "the peer is declared dead when retransmissions time out");
        }
        final IkeLifetime lifetime = IkeLifetime.withDefaults(keys.time("rekey_time", null),
            keys.time("reauth_time", null), keys.time("over_time", null), keys.time("rand_time", null));
        final List<AuthRound> localAuth = AuthRoundReader.rounds(keys, "local");
        final List<AuthRound> remoteAuth = AuthRoundReader.rounds(keys, "remote");
        final IkeConnection connection = new IkeConnection(section.name(), section.location(), version,
            localAddrs == null ? ANY : AddressText.ikeAddresses(localAddrs),
            remoteAddrs == null ? ANY : AddressText.ikeAddresses(remoteAddrs),
            (int)keys.unsigned("local_port", MAX_PORT, IkeConnection.IKE_PORT),
            (int)keys.unsigned("remote_port", MAX_PORT, IkeConnection.IKE_PORT),
            keys.list("proposals", List.of("default")),
            dscp(keys.value("dscp")),
            keys.bool("encap", false),
            keys.bool("mobike", true),
            keys.time("dpd_delay", Duration.ZERO),
            dpdTimeout == null ? Duration.ZERO : SwanctlValues.time(dpdTimeout),
            fragmentation,
            keys.keyword("childless", ChildlessMode.class, ChildlessMode.ALLOW),
            keys.bool("send_certreq", true),
            keys.keyword("send_cert", SendCertPolicy.class, SendCertPolicy.IFASKED),
            keys.unsigned("keyingtries", MAX_UINT32, 1),
            keys.keyword("unique", UniquePolicy.class, UniquePolicy.NO),
            lifetime,
            localAuth.isEmpty() ? List.of(defaultRound(section, "local", "")) : localAuth,
            remoteAuth.isEmpty() ? List.of(defaultRound(section, "remote", "%any")) : remoteAuth,
            children(keys, warnings, names),
            keys.bool(ALLOW_WEAK, false));
        keys.finish();
        return connection;
    }

    private static int version(final SettingsValue value)
    {
        if (value == null)
        {
            return 0;
        }
        final long version = value.asUnsigned(2);
        if (version == 1)
        {
            throw value.error("IKEv1 is not supported by Torii; expected 2 (IKEv2) or 0 (IKEv2, as strongSwan's " +
                "default), found 1");
        }
        return (int)version;
    }

    /**
     * Reads the DSCP as strongSwan does: binary digits, of which the low six count.
     */
    private static int dscp(final SettingsValue value)
    {
        if (value == null)
        {
            return 0;
        }
        final String text = value.value();
        if (text.length() > 6 || !text.chars().allMatch(c -> c == '0' || c == '1'))
        {
            throw value.error("expected six binary digits (RFC 2474 codepoint, such as 101110 for EF), found '" +
                text + "'");
        }
        return Integer.parseInt(text, 2);
    }

    private static void warnAboutUnimplemented(final SectionKeys keys)
    {
        keys.notImplementedIf("aggressive", true, "IKEv1 aggressive mode");
        keys.notImplementedIf("pull", false, "configuration push mode");
        final SettingsValue vips = keys.value("vips");
        if (vips != null)
        {
            AddressText.addresses(vips);
            keys.warnings().notImplemented(vips, "virtual IPs");
        }
        keys.notImplementedIfSet("pools", "virtual IP pools");
        keys.notImplementedIfSet("ppk_id", "postquantum preshared keys (RFC 8784)");
        keys.notImplementedIf("ppk_required", true, "postquantum preshared keys (RFC 8784)");
        keys.notImplementedUnless("if_id_in", "XFRM interface IDs", "0");
        keys.notImplementedUnless("if_id_out", "XFRM interface IDs", "0");
        keys.notImplementedIf("mediation", true, "the IKEv2 mediation extension");
        keys.notImplementedIfSet("mediated_by", "the IKEv2 mediation extension");
        keys.notImplementedIfSet("mediation_peer", "the IKEv2 mediation extension");
    }

    private static AuthRound defaultRound(final SettingsSection section, final String name, final String id)
    {
        return new AuthRound(name, section.location(), 0, AuthMethod.PUBKEY, id, "", "", "", List.of(), List.of(),
            List.of(), "", RevocationPolicy.RELAXED, List.of(), List.of());
    }

    private static SequencedMap<String, ChildConfig> children(final SectionKeys keys, final Warnings warnings,
        final NetworkNames names)
    {
        final SequencedMap<String, ChildConfig> children = new LinkedHashMap<>();
        final SettingsSection section = keys.section().sections().get("children");
        if (section == null)
        {
            return children;
        }
        keys.markSection("children");
        final SectionKeys childrenKeys = new SectionKeys(section, "children of connection '" +
            keys.section().name() + "'", warnings);
        for (final SettingsSection child : section.sections().values())
        {
            childrenKeys.markSection(child.name());
            children.put(child.name(), ChildReader.read(child, keys.section().name(), warnings, names));
        }
        childrenKeys.finish();
        return children;
    }
}
