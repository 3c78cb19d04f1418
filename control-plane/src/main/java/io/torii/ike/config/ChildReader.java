package io.torii.ike.config;

import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.config.SettingsValue;
import io.torii.dataplane.spd.TrafficSelector;
import java.time.Duration;
import java.util.List;

/**
 * Reads one {@code children.<child>} section into a {@link ChildConfig}, applying strongSwan's
 * defaults and warning about the keys Torii does not implement.
 */
final class ChildReader
{
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final List<TrafficSelector> DYNAMIC = List.of(TrafficSelector.dynamic(
        TrafficSelector.ANY_PROTOCOL, TrafficSelector.MIN_PORT, TrafficSelector.MAX_PORT));
    private static final List<String> DEFAULT_PROPOSALS = List.of("default");
    /** The mark values that set no mark: strongSwan's documented default and plain zero. */
    private static final String[] NO_MARK = { "0/0x00000000", "0", "0/0" };

    private ChildReader()
    {
    }

    static ChildConfig read(final SettingsSection section, final String connection, final Warnings warnings,
        final NetworkNames names)
    {
        final SectionKeys keys = new SectionKeys(section, "child '" + section.name() + "' of connection '" +
            connection + "'", warnings);
        final SettingsValue localTs = keys.value("local_ts");
        final SettingsValue remoteTs = keys.value("remote_ts");
        final List<String> ahProposals = keys.list("ah_proposals", List.of());
        // ESP is proposed by default only when AH is not asked for either.
        final List<String> espProposals = keys.list("esp_proposals",
            ahProposals.isEmpty() ? DEFAULT_PROPOSALS : List.of());
        final SettingsValue modeValue = keys.value("mode");
        final ChildMode mode = modeValue == null ? ChildMode.TUNNEL : SwanctlValues.keyword(modeValue, ChildMode.class);
        if (mode == ChildMode.BEET || mode == ChildMode.TRANSPORT_PROXY)
        {
            warnings.notImplemented(modeValue, mode.name().toLowerCase(java.util.Locale.ROOT) + " mode");
        }
        final SettingsValue hwOffloadValue = keys.value("hw_offload");
        final HwOffload hwOffload = hwOffloadValue == null ?
            HwOffload.NO : SwanctlValues.keyword(hwOffloadValue, HwOffload.class);
        if (hwOffload == HwOffload.YES)
        {
            warnings.notImplemented(hwOffloadValue, "hardware offload, which would make the SA fail to install");
        }
        final SettingsValue tfcValue = keys.value("tfc_padding");
        final int tfcPadding = tfcValue == null ? 0 :
            tfcValue.value().equals("mtu") ? ChildConfig.TFC_PADDING_MTU : (int)tfcValue.asUnsigned(65535);
        warnAboutUnimplemented(keys);
        final ChildConfig child = new ChildConfig(section.name(), section.location(),
            localTs == null ? DYNAMIC : SelectorText.selectors(localTs, names),
            remoteTs == null ? DYNAMIC : SelectorText.selectors(remoteTs, names),
            espProposals,
            ahProposals,
            mode,
            keys.bool("policies", true),
            keys.bool("policies_fwd_out", false),
            lifetime(keys),
            action(keys, "start_action"),
            action(keys, "close_action"),
            action(keys, "dpd_action"),
            keys.time("inactivity", Duration.ZERO),
            keys.unsigned("reqid", MAX_UINT32, 0),
            keys.unsigned("priority", MAX_UINT32, 0),
            tfcPadding,
            (int)keys.unsigned("replay_window", Integer.MAX_VALUE, ChildConfig.DEFAULT_REPLAY_WINDOW),
            hwOffload,
            keys.bool("copy_df", true),
            keys.bool("copy_ecn", true),
            keys.keyword("copy_dscp", CopyDscp.class, CopyDscp.OUT),
            keys.bool("sha256_96", false));
        keys.finish();
        return child;
    }

    private static void warnAboutUnimplemented(final SectionKeys keys)
    {
        keys.notImplementedIfSet("updown", "an updown script");
        keys.notImplementedIf("hostaccess", true, "host access rules of the updown script");
        keys.notImplementedIf("ipcomp", true, "IPComp compression");
        keys.notImplementedIfSet("interface", "restricting policies to an interface");
        keys.notImplementedUnless("mark_in", "netfilter marks", NO_MARK);
        keys.notImplementedIf("mark_in_sa", true, "netfilter marks");
        keys.notImplementedUnless("mark_out", "netfilter marks", NO_MARK);
        keys.notImplementedUnless("set_mark_in", "netfilter marks", NO_MARK);
        keys.notImplementedUnless("set_mark_out", "netfilter marks", NO_MARK);
        keys.notImplementedUnless("if_id_in", "XFRM interface IDs", "0");
        keys.notImplementedUnless("if_id_out", "XFRM interface IDs", "0");
        keys.notImplementedIfSet("label", "security labels");
        final SettingsValue labelMode = keys.value("label_mode");
        if (labelMode != null)
        {
            SwanctlValues.keyword(labelMode, LabelMode.class);
            if (keys.value("label") != null)
            {
                keys.warnings().notImplemented(labelMode, "security labels");
            }
        }
    }

    private static ChildAction action(final SectionKeys keys, final String key)
    {
        final SettingsValue value = keys.value(key);
        return value == null ? ChildAction.NONE : ChildAction.read(value);
    }

    private static ChildLifetime lifetime(final SectionKeys keys)
    {
        final long rekeyTime = keys.time("rekey_time", ChildLifetime.DEFAULT_REKEY_TIME).toSeconds();
        final long lifeTime = seconds(keys, "life_time", ChildLifetime.defaultLife(rekeyTime));
        final long randTime = seconds(keys, "rand_time", ChildLifetime.defaultRand(rekeyTime, lifeTime));
        final long rekeyBytes = count(keys, "rekey_bytes", 0);
        final long lifeBytes = count(keys, "life_bytes", ChildLifetime.defaultLife(rekeyBytes));
        final long randBytes = count(keys, "rand_bytes", ChildLifetime.defaultRand(rekeyBytes, lifeBytes));
        final long rekeyPackets = count(keys, "rekey_packets", 0);
        final long lifePackets = count(keys, "life_packets", ChildLifetime.defaultLife(rekeyPackets));
        final long randPackets = count(keys, "rand_packets", ChildLifetime.defaultRand(rekeyPackets, lifePackets));
        return new ChildLifetime(Duration.ofSeconds(rekeyTime), Duration.ofSeconds(lifeTime),
            Duration.ofSeconds(randTime), rekeyBytes, lifeBytes, randBytes, rekeyPackets, lifePackets, randPackets);
    }

    private static long seconds(final SectionKeys keys, final String key, final long fallback)
    {
        return keys.time(key, Duration.ofSeconds(fallback)).toSeconds();
    }

    private static long count(final SectionKeys keys, final String key, final long fallback)
    {
        final SettingsValue value = keys.value(key);
        return value == null ? fallback : SwanctlValues.count(value);
    }
}
