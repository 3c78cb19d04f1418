package io.torii.dataplane.sadb;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * The cold record of one SA, as the control plane or a static SA file gives it. Validated on
 * construction: a record that exists is one the engine can install.
 *
 * @param name a name for logs and counters, such as the settings section.
 * @param spi the Security Parameter Index, as on the wire.
 * @param source outer source address (tunnel) or this host's address (transport).
 * @param destination outer destination address or the peer's address.
 * @param protocol ESP or AH.
 * @param mode tunnel or transport.
 * @param udpEncapsulation whether ESP travels in UDP (RFC 3948).
 * @param sourcePort the UDP source port when encapsulated.
 * @param destinationPort the UDP destination port when encapsulated.
 * @param encryption the encryption algorithm; {@link EncryptionAlgorithm#NULL} for AH.
 * @param integrity the integrity algorithm; {@link IntegrityAlgorithm#NONE} for combined modes.
 * @param encryptionKey key then salt; the record keeps this array, zero it with {@link #destroyKeys()}.
 * @param integrityKey the integrity key.
 * @param esn whether 64-bit extended sequence numbers are used.
 * @param initialSequence outbound, the last sequence number sent (the next packet carries one more, so 0
 *        starts at 1 as RFC 4303 requires); inbound, the highest one already received.
 * @param replayWindow the anti-replay window in packets; 0 turns replay checks off.
 * @param tfcPadToLength pad ESP tunnel-mode payloads up to this many bytes (RFC 4303 §2.7); 0 off.
 */
public record SaConfig(
    String name,
    int spi,
    InetAddress source,
    InetAddress destination,
    IpsecProtocol protocol,
    IpsecMode mode,
    boolean udpEncapsulation,
    int sourcePort,
    int destinationPort,
    EncryptionAlgorithm encryption,
    IntegrityAlgorithm integrity,
    byte[] encryptionKey,
    byte[] integrityKey,
    boolean esn,
    long initialSequence,
    int replayWindow,
    int tfcPadToLength)
{
    /** The IANA port for ESP in UDP and IKE after NAT detection. */
    public static final int NAT_T_PORT = 4500;
    /** The largest replay window the engine accepts. */
    public static final int MAX_REPLAY_WINDOW = 1 << 20;

    /**
     * Checks every rule the engine relies on.
     *
     * @throws IllegalArgumentException saying what is wrong and what to do.
     */
    public SaConfig
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(integrityKey, "integrityKey");
        if (source.getClass() != destination.getClass())
        {
            throw new IllegalArgumentException(name + ": source and destination must both be IPv4 or both IPv6");
        }
        if (Integer.compareUnsigned(spi, 256) < 0)
        {
            throw new IllegalArgumentException(name + ": SPI 0x" + Integer.toHexString(spi) +
                " is reserved (RFC 4303 §2.1: values 1 to 255 are reserved by IANA, 0 is never sent)");
        }
        if (protocol == IpsecProtocol.AH)
        {
            if (udpEncapsulation)
            {
                throw new IllegalArgumentException(name + ": AH cannot be UDP-encapsulated: it authenticates " +
                    "the outer IP addresses, which NAT rewrites, so AH cannot cross NAT (RFC 3948 covers ESP only); " +
                    "use ESP with encap = yes");
            }
            if (encryption != EncryptionAlgorithm.NULL || integrity == IntegrityAlgorithm.NONE)
            {
                throw new IllegalArgumentException(name + ": AH takes an integrity algorithm only, such as sha256");
            }
        }
        else
        {
            if (encryption.isCombinedMode() != (integrity == IntegrityAlgorithm.NONE))
            {
                throw new IllegalArgumentException(name + ": " + encryption.keyword() +
                    (encryption.isCombinedMode() ? " takes no integrity algorithm" : " needs an integrity algorithm"));
            }
        }
        if (encryptionKey.length != encryption.keyMaterialLength())
        {
            throw new IllegalArgumentException(name + ": " + encryption.keyword() + " needs a " +
                encryption.keyMaterialLength() + "-byte enc_key" +
                (encryption.saltLength() > 0 ? " (" + encryption.keyLength() + "-byte key then " +
                encryption.saltLength() + "-byte salt)" : "") + ", got " + encryptionKey.length);
        }
        if (integrityKey.length != integrity.keyLength())
        {
            throw new IllegalArgumentException(name + ": " +
                (integrity == IntegrityAlgorithm.NONE ? "no integ_key is used with " + encryption.keyword() :
                integrity.keyword() + " needs a " + integrity.keyLength() + "-byte integ_key") +
                ", got " + integrityKey.length);
        }
        if (udpEncapsulation && (sourcePort < 1 || sourcePort > 65535 || destinationPort < 1 || destinationPort > 65535))
        {
            throw new IllegalArgumentException(name + ": UDP ports must be 1 to 65535");
        }
        if (replayWindow < 0 || replayWindow > MAX_REPLAY_WINDOW)
        {
            throw new IllegalArgumentException(name + ": replay_window must be 0 to " + MAX_REPLAY_WINDOW);
        }
        if (!esn && Long.compareUnsigned(initialSequence, 0xFFFF_FFFFL) > 0)
        {
            throw new IllegalArgumentException(name + ": seq above 2^32-1 needs esn = yes");
        }
        if (tfcPadToLength < 0 || tfcPadToLength > 65535)
        {
            throw new IllegalArgumentException(name + ": tfc_pad must be 0 to 65535");
        }
    }

    /** @return true for IPv6 outer addresses. */
    public boolean isIpv6()
    {
        return source instanceof Inet6Address;
    }

    /** Zeroes the key arrays this record holds; call when the SA dies. */
    public void destroyKeys()
    {
        Arrays.fill(encryptionKey, (byte)0);
        Arrays.fill(integrityKey, (byte)0);
    }

    @Override
    public String toString()
    {
        // Never print keys.
        return "SaConfig[" + name + " spi=0x" + Integer.toHexString(spi) + " " + protocol + " " + mode +
            " " + source.getHostAddress() + "->" + destination.getHostAddress() +
            (udpEncapsulation ? " udp " + sourcePort + "->" + destinationPort : "") + " " +
            encryption.keyword() + (integrity == IntegrityAlgorithm.NONE ? "" : "-" + integrity.keyword()) +
            (esn ? " esn" : "") + " window=" + replayWindow + "]";
    }
}
