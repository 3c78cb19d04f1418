package io.torii.ike.daemon;

import io.torii.dataplane.config.CharonSettings;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.proposal.SelectionPreference;
import io.torii.ike.sa.RetransmitSchedule;
import java.util.Objects;

/**
 * The daemon-wide IKE settings, in the control plane's own types: what the {@code charon { }} section of
 * {@code torii daemon --config FILE} says, or strongSwan's defaults.
 *
 * @param retransmit when requests are sent again and when exchanges give up.
 * @param halfOpen when COOKIEs are demanded and IKE_SA_INIT requests dropped, and how long an SA stays half-open.
 * @param preference whose proposal order decides when we respond.
 * @param fragmentSize the largest IP datagram of an IKE fragment; 0 for the per-family defaults.
 */
public record IkeSettings(RetransmitSchedule retransmit, HalfOpenLimits halfOpen, SelectionPreference preference,
    int fragmentSize)
{
    /** strongSwan's defaults. */
    public static final IkeSettings STRONGSWAN_DEFAULTS = from(CharonSettings.STRONGSWAN_DEFAULTS);

    /**
     * Checks that no part is missing.
     */
    public IkeSettings
    {
        Objects.requireNonNull(retransmit, "retransmit");
        Objects.requireNonNull(halfOpen, "halfOpen");
        Objects.requireNonNull(preference, "preference");
    }

    /**
     * @param charon the settings as the configuration reader checked them.
     * @return the same settings in the control plane's types.
     */
    public static IkeSettings from(final CharonSettings charon)
    {
        return new IkeSettings(
            new RetransmitSchedule(charon.retransmitTimeoutSeconds(), charon.retransmitBase(), charon.retransmitTries(),
                charon.retransmitJitterPercent(), charon.retransmitLimitSeconds()),
            new HalfOpenLimits(charon.cookieThreshold(), charon.cookieThresholdIp(), charon.blockThreshold(),
                charon.halfOpenTimeoutNanos()),
            charon.preferConfiguredProposals() ? SelectionPreference.CONFIGURED : SelectionPreference.OFFERED,
            charon.fragmentSize());
    }
}
