package io.torii.dataplane.config;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one section of an SA file into an {@link SaConfig}, reporting every problem at the line of
 * the key responsible, or at the section's line when a key is missing or {@link SaConfig} itself
 * refuses the combination.
 */
final class SaSectionReader
{
    /** The keys an SA section may set, in the order the documentation lists them. */
    static final List<String> KEYS = List.of("spi", "src", "dst", "protocol", "mode", "encap", "sport", "dport",
        "proposal", "enc_key", "integ_key", "esn", "seq", "replay_window", "tfc_pad");
    /** Keys with no default. */
    static final List<String> REQUIRED = List.of("spi", "src", "dst", "proposal");
    /** The replay window when the file does not say: 64 packets (strongSwan's charon.replay_window defaults to 32). */
    static final int DEFAULT_REPLAY_WINDOW = 64;

    private static final long MAX_SPI = 0xFFFF_FFFFL;
    private static final long MAX_32_BIT_SEQUENCE = 0xFFFF_FFFFL;
    private static final int MAX_PORT = 65535;
    private static final int MAX_TFC_PAD = 65535;

    private SaSectionReader()
    {
    }

    /**
     * @param section one top-level section of an SA file.
     * @return the SA it describes; its key arrays are new and owned by the record.
     * @throws SettingsException at the line of the problem, saying what was expected.
     */
    static SaConfig read(final SettingsSection section)
    {
        checkShape(section);
        final String name = section.name();
        final int spi = (int)get(section, "spi").asUnsigned(MAX_SPI);
        final InetAddress source = address(get(section, "src"));
        final SettingsValue destinationValue = get(section, "dst");
        final InetAddress destination = address(destinationValue);
        if (source.getClass() != destination.getClass())
        {
            throw destinationValue.error(destination.getHostAddress() + " and src " + source.getHostAddress() +
                " are of different families; both must be IPv4 or both IPv6");
        }
        final IpsecProtocol protocol = protocol(get(section, "protocol"));
        final IpsecMode mode = mode(get(section, "mode"));
        final SettingsValue encapValue = get(section, "encap");
        final boolean encap = encapValue != null && encapValue.asBoolean();
        if (encap && protocol == IpsecProtocol.AH)
        {
            throw encapValue.error("AH cannot be UDP-encapsulated: it authenticates the outer addresses, which " +
                "NAT rewrites (RFC 3948 covers ESP only); use protocol = esp with encap = yes");
        }
        final int sourcePort = port(get(section, "sport"), encap);
        final int destinationPort = port(get(section, "dport"), encap);
        final Proposal proposal = proposal(get(section, "proposal"), protocol);
        final boolean esn = esn(get(section, "esn"), proposal, get(section, "proposal"));
        final long sequence = sequence(get(section, "seq"), esn);
        final SettingsValue windowValue = get(section, "replay_window");
        final int replayWindow = windowValue == null ?
            DEFAULT_REPLAY_WINDOW : (int)windowValue.asUnsigned(SaConfig.MAX_REPLAY_WINDOW);
        final SettingsValue tfcValue = get(section, "tfc_pad");
        final int tfcPad = tfcValue == null ? 0 : (int)tfcValue.asUnsigned(MAX_TFC_PAD);

        final EncryptionAlgorithm encryption = proposal.encryption();
        final IntegrityAlgorithm integrity = proposal.integrity();
        byte[] encryptionKey = null;
        byte[] integrityKey = null;
        boolean handedOver = false;
        try
        {
            encryptionKey = encryptionKey(section, encryption, protocol);
            integrityKey = integrityKey(section, integrity, encryption);
            final SaConfig config = new SaConfig(name, spi, source, destination, protocol, mode, encap,
                sourcePort, destinationPort, encryption, integrity, encryptionKey, integrityKey, esn, sequence,
                replayWindow, tfcPad);
            handedOver = true;
            return config;
        }
        catch (final IllegalArgumentException ex)
        {
            // SaConfig's own checks; its message names the SA, the section's line says where it is.
            throw new SettingsException(section.location(), ex.getMessage(), ex);
        }
        finally
        {
            if (!handedOver)
            {
                wipe(encryptionKey);
                wipe(integrityKey);
            }
        }
    }

    /**
     * Refuses what an SA section cannot hold, before reading any value: subsections, inheritance,
     * unknown keys, required keys left out.
     */
    private static void checkShape(final SettingsSection section)
    {
        if (!section.references().isEmpty())
        {
            throw new SettingsException(section.location(), "SA '" + section.name() + "' inherits from " +
                section.references() + ", which SA files do not support; write every key in the section");
        }
        if (!section.sections().isEmpty())
        {
            final SettingsSection child = section.sections().firstEntry().getValue();
            throw new SettingsException(child.location(), "unexpected section '" + child.name() + "' in SA '" +
                section.name() + "': SA sections hold keys only");
        }
        for (final Map.Entry<String, SettingsValue> entry : section.values().entrySet())
        {
            if (!KEYS.contains(entry.getKey()))
            {
                throw new SettingsException(entry.getValue().location(), "unknown key '" + entry.getKey() +
                    "' in SA '" + section.name() + "'; expected one of " + String.join(", ", KEYS));
            }
        }
        final List<String> missing = new ArrayList<>();
        for (final String key : REQUIRED)
        {
            if (get(section, key) == null)
            {
                missing.add(key);
            }
        }
        if (!missing.isEmpty())
        {
            throw new SettingsException(section.location(), "SA '" + section.name() + "' needs " +
                String.join(", ", missing) + (missing.size() == 1 ? " (it is" : " (they are") +
                " missing or empty)");
        }
    }

    /**
     * @return the value, or null when the key is absent or empty: strongSwan reads {@code key =}
     *         as "not set", so the default applies.
     */
    private static SettingsValue get(final SettingsSection section, final String key)
    {
        final SettingsValue value = section.values().get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    private static InetAddress address(final SettingsValue value)
    {
        try
        {
            return IpLiteral.parse(value.value());
        }
        catch (final IllegalArgumentException ex)
        {
            throw value.error(ex.getMessage(), ex);
        }
    }

    private static IpsecProtocol protocol(final SettingsValue value)
    {
        if (value == null)
        {
            return IpsecProtocol.ESP;
        }
        return switch (value.value().toLowerCase(Locale.ROOT))
        {
            case "esp" -> IpsecProtocol.ESP;
            case "ah" -> IpsecProtocol.AH;
            default -> throw value.error("expected esp or ah, found '" + value.value() + "'");
        };
    }

    private static IpsecMode mode(final SettingsValue value)
    {
        if (value == null)
        {
            return IpsecMode.TUNNEL;
        }
        return switch (value.value().toLowerCase(Locale.ROOT))
        {
            case "tunnel" -> IpsecMode.TUNNEL;
            case "transport" -> IpsecMode.TRANSPORT;
            default -> throw value.error("expected tunnel or transport, found '" + value.value() + "'");
        };
    }

    private static int port(final SettingsValue value, final boolean encap)
    {
        if (value == null)
        {
            return SaConfig.NAT_T_PORT;
        }
        if (!encap)
        {
            throw value.error("UDP ports apply only with encap = yes");
        }
        final int port = (int)value.asUnsigned(MAX_PORT);
        if (port == 0)
        {
            throw value.error("expected a UDP port 1 to " + MAX_PORT + ", found 0");
        }
        return port;
    }

    private static Proposal proposal(final SettingsValue value, final IpsecProtocol protocol)
    {
        try
        {
            return Proposal.parse(value.value(), protocol == IpsecProtocol.AH);
        }
        catch (final IllegalArgumentException ex)
        {
            // Proposal's messages already name the proposal and the keyword at fault.
            throw new SettingsException(value.location(), ex.getMessage(), ex);
        }
    }

    private static boolean esn(final SettingsValue value, final Proposal proposal, final SettingsValue proposalValue)
    {
        if (value == null)
        {
            return proposal.esn().orElse(false);
        }
        final boolean esn = value.asBoolean();
        if (proposal.esn().isPresent() && proposal.esn().get() != esn)
        {
            throw value.error("'" + value.value() + "' contradicts proposal '" + proposalValue.value() + "' (" +
                proposalValue.location() + "), which says " + (proposal.esn().get() ? "esn" : "noesn") +
                "; drop one of them");
        }
        return esn;
    }

    private static long sequence(final SettingsValue value, final boolean esn)
    {
        if (value == null)
        {
            return 0;
        }
        final long sequence = value.asUnsigned(-1L);
        if (!esn && Long.compareUnsigned(sequence, MAX_32_BIT_SEQUENCE) > 0)
        {
            throw value.error("'" + value.value() + "' is above 2^32-1, which needs esn = yes");
        }
        return sequence;
    }

    private static byte[] encryptionKey(
        final SettingsSection section, final EncryptionAlgorithm encryption, final IpsecProtocol protocol)
    {
        final SettingsValue value = get(section, "enc_key");
        if (encryption.keyMaterialLength() == 0)
        {
            if (value != null)
            {
                throw value.error(protocol == IpsecProtocol.AH ?
                    "AH encrypts nothing and takes no enc_key" : "null encryption takes no enc_key");
            }
            return new byte[0];
        }
        final String needed = encryption.keyword() + " needs a " + encryption.keyMaterialLength() + "-byte enc_key" +
            (encryption.saltLength() > 0 ?
            " (" + encryption.keyLength() + "-byte key then " + encryption.saltLength() + "-byte salt)" : "");
        if (value == null)
        {
            throw new SettingsException(section.location(), "SA '" + section.name() + "': " + needed);
        }
        return key(value, encryption.keyMaterialLength(), needed);
    }

    private static byte[] integrityKey(
        final SettingsSection section, final IntegrityAlgorithm integrity, final EncryptionAlgorithm encryption)
    {
        final SettingsValue value = get(section, "integ_key");
        if (integrity == IntegrityAlgorithm.NONE)
        {
            if (value != null)
            {
                throw value.error(encryption.keyword() + " authenticates by itself and takes no integ_key");
            }
            return new byte[0];
        }
        final String needed = integrity.keyword() + " needs a " + integrity.keyLength() + "-byte integ_key";
        if (value == null)
        {
            throw new SettingsException(section.location(), "SA '" + section.name() + "': " + needed);
        }
        return key(value, integrity.keyLength(), needed);
    }

    private static byte[] key(final SettingsValue value, final int length, final String needed)
    {
        final byte[] key = HexKey.parse(value);
        if (key.length != length)
        {
            wipe(key);
            throw value.error(needed + ", got " + key.length);
        }
        return key;
    }

    private static void wipe(final byte[] key)
    {
        if (key != null)
        {
            Arrays.fill(key, (byte)0);
        }
    }
}
