package io.torii.ike.auth;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Distinguished names (ID_DER_ASN1_DN identities) as strongSwan writes them: RDNs in X.500 order,
 * most significant first ({@code C=CH, O=strongSwan, CN=moon.strongswan.org}), the reverse of RFC 4514's
 * order that {@link X500Principal} reads and writes. Names are compared as X500Principal compares them,
 * by their canonical form (case and spacing of values do not matter).
 */
public final class DistinguishedNames
{
    /** strongSwan's keywords that the JDK does not know, with their attribute type OIDs. */
    private static final Map<String, String> EXTRA_KEYWORDS = Map.of(
        "E", "1.2.840.113549.1.9.1",
        "EMAIL", "1.2.840.113549.1.9.1",
        "SN", "2.5.4.5",
        "SERIALNUMBER", "2.5.4.5",
        "G", "2.5.4.42",
        "I", "2.5.4.43",
        "T", "2.5.4.12",
        "N", "2.5.4.41");

    private DistinguishedNames()
    {
    }

    /**
     * @param text a DN as swanctl.conf writes it, comma-separated in X.500 order.
     * @return its DER encoding (the Name SEQUENCE), or empty when it is not a DN.
     */
    public static Optional<byte[]> parse(final String text)
    {
        try
        {
            final X500Principal reversed = new X500Principal(text.strip(), EXTRA_KEYWORDS);
            return reverse(reversed.getEncoded());
        }
        catch (final IllegalArgumentException ex)
        {
            return Optional.empty();
        }
    }

    /**
     * @param der a Name SEQUENCE.
     * @return the DN in strongSwan's text form, or a placeholder when the DER does not parse.
     */
    public static String format(final byte[] der)
    {
        try
        {
            return reverse(der).map(r -> new X500Principal(r).getName(X500Principal.RFC1779))
                .orElse("DN of " + der.length + " bytes");
        }
        catch (final IllegalArgumentException ex)
        {
            return "DN of " + der.length + " bytes";
        }
    }

    /**
     * @param configured a Name SEQUENCE.
     * @param presented another.
     * @return true when both parse and name the same entity, as X.500 name matching compares them.
     */
    public static boolean equal(final byte[] configured, final byte[] presented)
    {
        try
        {
            return new X500Principal(configured).equals(new X500Principal(presented));
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    /** The same Name with its RDNs in the opposite order. */
    private static Optional<byte[]> reverse(final byte[] name)
    {
        final Optional<List<Der.Element>> rdns = Der.single(name).filter(e -> e.tag() == Der.SEQUENCE)
            .flatMap(Der.Element::children);
        if (rdns.isEmpty())
        {
            return Optional.empty();
        }
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (final Der.Element rdn : rdns.get().reversed())
        {
            content.writeBytes(rdn.encoded());
        }
        return Optional.of(Der.encode(Der.SEQUENCE, content.toByteArray()));
    }
}
