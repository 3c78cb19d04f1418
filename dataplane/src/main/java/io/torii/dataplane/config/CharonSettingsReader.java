package io.torii.dataplane.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code charon { }} section of the daemon's configuration: the IKE settings Torii shares with
 * strongSwan, under strongSwan's names and with its defaults (strongswan.conf(5)):
 * <pre>
 * charon {
 *   retransmit_timeout = 4.0         # seconds before the first retransmission, above 0
 *   retransmit_base = 1.8            # each further wait is base times the last, 1 or more
 *   retransmit_tries = 5             # retransmissions before the exchange fails, at most 100
 *   retransmit_jitter = 0            # percent a wait is shortened at random, 0-100
 *   retransmit_limit = 0             # the longest wait in seconds, 0 for no limit
 *   fragment_size = 1280             # the largest IP datagram of an IKE fragment (RFC 7383); 0: 576 / 1280
 *   cookie_threshold = 30            # half-open IKE SAs from which COOKIEs are demanded, 0: always
 *   cookie_threshold_ip = 3          # half-open IKE SAs of one address from which it must send a COOKIE
 *   block_threshold = 5              # half-open IKE SAs of one address from which its requests are dropped,
 *                                    #   0: never
 *   half_open_timeout = 30           # how long an IKE SA may stay half-open (s, or with ms, m, h, d)
 *   prefer_configured_proposals = yes  # yes: our proposal order decides as responder; no: the peer's
 * }
 * </pre>
 * Other charon keys (plugins, threads, logging) mean nothing to Torii, so they are errors rather than
 * settings that would silently do nothing; an empty value ({@code key =}) keeps the default.
 */
final class CharonSettingsReader
{
    /** The section's name, as in strongswan.conf. */
    static final String SECTION = "charon";

    private static final Set<String> KEYS = Set.of("retransmit_timeout", "retransmit_base", "retransmit_tries",
        "retransmit_jitter", "retransmit_limit", "cookie_threshold", "cookie_threshold_ip", "block_threshold",
        "half_open_timeout", "prefer_configured_proposals", "fragment_size");
    /** A decimal as strongSwan's settings write one: digits, optionally a point and more digits. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");
    private static final int MAX_TRIES = 100;
    private static final long MAX_THRESHOLD = 1_000_000;
    private static final double MAX_SECONDS = 86_400;
    private static final double MAX_BASE = 10;
    private static final long MAX_DATAGRAM = 65_535;
    private static final int MIN_FRAGMENT_DATAGRAM = 576;

    private CharonSettingsReader()
    {
    }

    /**
     * @param section the {@code charon} section, references already resolved.
     * @return the settings, strongSwan's defaults where a key is absent or empty.
     * @throws SettingsException naming the file and line of an unknown key or subsection or a bad value.
     */
    static CharonSettings read(final SettingsSection section)
    {
        for (final SettingsValue value : section.values().values())
        {
            if (!KEYS.contains(value.key()))
            {
                throw value.error("unknown key in charon; Torii reads only " + new TreeSet<>(KEYS) +
                    " there, so anything else would have no effect");
            }
        }
        if (!section.sections().isEmpty())
        {
            final Map.Entry<String, SettingsSection> sub = section.sections().firstEntry();
            throw new SettingsException(sub.getValue().location(), "unknown section '" + sub.getKey() +
                "' in charon; Torii reads only the keys " + new TreeSet<>(KEYS) + " there");
        }
        final CharonSettings defaults = CharonSettings.STRONGSWAN_DEFAULTS;
        final double timeout = decimal(section, "retransmit_timeout", defaults.retransmitTimeoutSeconds(),
            MAX_SECONDS);
        if (!(timeout > 0))
        {
            throw section.value("retransmit_timeout").orElseThrow().error("must be above 0 seconds");
        }
        final double base = decimal(section, "retransmit_base", defaults.retransmitBase(), MAX_BASE);
        if (base < 1)
        {
            throw section.value("retransmit_base").orElseThrow().error("must be 1 or more, or the waits would " +
                "shrink");
        }
        final long halfOpen = set(section, "half_open_timeout") ?
            DurationSetting.nanos(section.value("half_open_timeout").orElseThrow()) : defaults.halfOpenTimeoutNanos();
        if (halfOpen <= 0)
        {
            throw section.value("half_open_timeout").orElseThrow().error("must be above 0");
        }
        return new CharonSettings(timeout, base,
            (int)unsigned(section, "retransmit_tries", defaults.retransmitTries(), MAX_TRIES),
            (int)unsigned(section, "retransmit_jitter", defaults.retransmitJitterPercent(), 100),
            decimal(section, "retransmit_limit", defaults.retransmitLimitSeconds(), MAX_SECONDS),
            (int)unsigned(section, "cookie_threshold", defaults.cookieThreshold(), MAX_THRESHOLD),
            (int)unsigned(section, "cookie_threshold_ip", defaults.cookieThresholdIp(), MAX_THRESHOLD),
            (int)unsigned(section, "block_threshold", defaults.blockThreshold(), MAX_THRESHOLD),
            halfOpen,
            set(section, "prefer_configured_proposals") ?
                section.value("prefer_configured_proposals").orElseThrow().asBoolean() :
                defaults.preferConfiguredProposals(),
            fragmentSize(section, defaults.fragmentSize()));
    }

    /** 0 (per-family defaults) or a datagram size an IKE fragment can be built in: 576 bytes or more. */
    private static int fragmentSize(final SettingsSection section, final int fallback)
    {
        final int size = (int)unsigned(section, "fragment_size", fallback, MAX_DATAGRAM);
        if (size != 0 && size < MIN_FRAGMENT_DATAGRAM)
        {
            throw section.value("fragment_size").orElseThrow().error("must be 0 (the per-family defaults) or " +
                MIN_FRAGMENT_DATAGRAM + " to " + MAX_DATAGRAM + " bytes");
        }
        return size;
    }

    private static boolean set(final SettingsSection section, final String key)
    {
        return section.value(key).filter(v -> !v.isEmpty()).isPresent();
    }

    private static long unsigned(final SettingsSection section, final String key, final long fallback,
        final long max)
    {
        return set(section, key) ? section.value(key).orElseThrow().asUnsigned(max) : fallback;
    }

    private static double decimal(final SettingsSection section, final String key, final double fallback,
        final double max)
    {
        if (!set(section, key))
        {
            return fallback;
        }
        final SettingsValue value = section.value(key).orElseThrow();
        if (!DECIMAL.matcher(value.value()).matches())
        {
            throw value.error("expected a decimal number such as 4 or 1.8, found '" + value.value() + "'");
        }
        final double number = Double.parseDouble(value.value());
        if (number > max)
        {
            throw value.error("'" + value.value() + "' is above " + (long)max);
        }
        return number;
    }
}
