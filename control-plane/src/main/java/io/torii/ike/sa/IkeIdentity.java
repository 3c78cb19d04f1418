package io.torii.ike.sa;

import io.torii.ike.auth.DistinguishedNames;
import io.torii.ike.message.payload.IdentificationPayload;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An IKE identity (RFC 7296 §3.5) as swanctl.conf writes it, read as strongSwan reads it: an IP address
 * is ID_IPV4_ADDR or ID_IPV6_ADDR, {@code @name} an ID_FQDN without the {@code @}, {@code user@domain}
 * an ID_RFC822_ADDR, {@code @#hex} an ID_KEY_ID, text with {@code =} that parses as a distinguished name
 * in strongSwan's X.500 order ({@code C=CH, O=strongSwan, CN=moon}) an ID_DER_ASN1_DN, any other text an
 * ID_FQDN, and {@code %any} (or an empty id) matches every identity.
 *
 * @param idType an {@code IdentificationPayload.ID_*} value, or {@link #ANY} for the wildcard.
 * @param data the identification data as the ID payload carries it.
 */
public record IkeIdentity(int idType, byte[] data)
{
    /** The type of the wildcard {@code %any}; never sent. */
    public static final int ANY = 0;
    /** The wildcard. */
    public static final IkeIdentity ANY_IDENTITY = new IkeIdentity(ANY, new byte[0]);

    /**
     * Copies the data.
     */
    public IkeIdentity
    {
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * @param text an identity as swanctl.conf writes it; empty or {@code %any} for the wildcard.
     * @return the identity.
     */
    public static IkeIdentity parse(final String text)
    {
        final String id = text.strip();
        if (id.isEmpty() || id.equals("%any") || id.equals("%any6"))
        {
            return ANY_IDENTITY;
        }
        if (id.startsWith("@#"))
        {
            return new IkeIdentity(IdentificationPayload.ID_KEY_ID, HexFormat.of().parseHex(id.substring(2)));
        }
        if (id.startsWith("@"))
        {
            return fqdn(id.substring(1));
        }
        if (id.indexOf('=') > 0)
        {
            final java.util.Optional<byte[]> dn = DistinguishedNames.parse(id);
            if (dn.isPresent())
            {
                return new IkeIdentity(IdentificationPayload.ID_DER_ASN1_DN, dn.get());
            }
        }
        final InetAddress address = ipLiteral(id);
        if (address != null)
        {
            return of(address);
        }
        if (id.indexOf('@') > 0)
        {
            return new IkeIdentity(IdentificationPayload.ID_RFC822_ADDR, id.getBytes(StandardCharsets.UTF_8));
        }
        return fqdn(id);
    }

    /**
     * @param address an address.
     * @return the ID_IPV4_ADDR or ID_IPV6_ADDR identity of it: strongSwan's default local identity.
     */
    public static IkeIdentity of(final InetAddress address)
    {
        return new IkeIdentity(address instanceof Inet4Address ? IdentificationPayload.ID_IPV4_ADDR :
            IdentificationPayload.ID_IPV6_ADDR, address.getAddress());
    }

    /**
     * @param payload a received IDi or IDr payload.
     * @return the identity it carries.
     */
    public static IkeIdentity of(final IdentificationPayload payload)
    {
        return new IkeIdentity(payload.idType(), payload.data());
    }

    private static IkeIdentity fqdn(final String name)
    {
        return new IkeIdentity(IdentificationPayload.ID_FQDN, name.getBytes(StandardCharsets.US_ASCII));
    }

    /** An IP literal without a name lookup, or null: swanctl ids are never resolved. */
    private static InetAddress ipLiteral(final String text)
    {
        final boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        final boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6)
        {
            return null;
        }
        try
        {
            return InetAddress.ofLiteral(text);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /** @return true for the wildcard. */
    public boolean isAny()
    {
        return idType == ANY;
    }

    /**
     * @param peer an identity a peer presented.
     * @return true when this configured identity accepts it: the wildcard accepts all, otherwise type and
     *         data must be equal (FQDNs and e-mail addresses without regard to case, as DNS names are;
     *         distinguished names by their canonical form).
     */
    public boolean matches(final IkeIdentity peer)
    {
        if (isAny())
        {
            return true;
        }
        if (idType != peer.idType)
        {
            return false;
        }
        if (idType == IdentificationPayload.ID_FQDN || idType == IdentificationPayload.ID_RFC822_ADDR)
        {
            return new String(data, StandardCharsets.UTF_8).equalsIgnoreCase(new String(peer.data,
                StandardCharsets.UTF_8));
        }
        if (idType == IdentificationPayload.ID_DER_ASN1_DN)
        {
            return DistinguishedNames.equal(data, peer.data);
        }
        return Arrays.equals(data, peer.data);
    }

    /**
     * @param payloadType IDi or IDr.
     * @return the ID payload that carries this identity.
     * @throws IllegalStateException for the wildcard, which is never sent.
     */
    public IdentificationPayload toPayload(final int payloadType)
    {
        if (isAny())
        {
            throw new IllegalStateException("%any is not an identity to send");
        }
        return new IdentificationPayload(payloadType, idType, data);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof IkeIdentity that && idType == that.idType && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode()
    {
        return 31 * idType + Arrays.hashCode(data);
    }

    @Override
    public String toString()
    {
        return switch (idType)
        {
            case ANY -> "%any";
            case IdentificationPayload.ID_IPV4_ADDR, IdentificationPayload.ID_IPV6_ADDR -> addressText();
            case IdentificationPayload.ID_FQDN, IdentificationPayload.ID_RFC822_ADDR ->
                new String(data, StandardCharsets.UTF_8);
            case IdentificationPayload.ID_KEY_ID -> "@#" + HexFormat.of().formatHex(data);
            case IdentificationPayload.ID_DER_ASN1_DN -> DistinguishedNames.format(data);
            default -> "ID type " + idType + " (" + data.length + " bytes)";
        };
    }

    private String addressText()
    {
        try
        {
            return InetAddress.getByAddress(data).getHostAddress();
        }
        catch (final java.net.UnknownHostException ex)
        {
            return "address of " + data.length + " bytes";
        }
    }
}
