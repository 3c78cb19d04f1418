package io.torii.ike.auth;

import io.torii.ike.message.payload.IdentificationPayload;
import io.torii.ike.sa.IkeIdentity;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Whether a certificate speaks for an IKE identity, as strongSwan decides it: an ID_DER_ASN1_DN must be
 * the certificate's subject, an ID_FQDN, ID_RFC822_ADDR or ID_IPV4/6_ADDR one of its subjectAltNames
 * (dNSName and rfc822Name without regard to case, iPAddress by value). The common name is never used for
 * other identity types, as strongSwan does not use it either.
 */
public final class CertificateIdentity
{
    private static final int SAN_RFC822 = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateIdentity()
    {
    }

    /**
     * @param certificate a certificate.
     * @return its subject as an ID_DER_ASN1_DN identity: the local identity strongSwan uses with a
     *         certificate when none is configured.
     */
    public static IkeIdentity subject(final X509Certificate certificate)
    {
        return new IkeIdentity(IdentificationPayload.ID_DER_ASN1_DN,
            certificate.getSubjectX500Principal().getEncoded());
    }

    /**
     * @param certificate the certificate a peer authenticates with.
     * @param identity the identity the peer claims in IDi or IDr.
     * @return true when the certificate's subject or a subjectAltName is that identity.
     */
    public static boolean matches(final X509Certificate certificate, final IkeIdentity identity)
    {
        final byte[] data = identity.data();
        return switch (identity.idType())
        {
            case IdentificationPayload.ID_DER_ASN1_DN ->
                DistinguishedNames.equal(certificate.getSubjectX500Principal().getEncoded(), data);
            case IdentificationPayload.ID_FQDN -> hasName(certificate, SAN_DNS, text(data));
            case IdentificationPayload.ID_RFC822_ADDR -> hasName(certificate, SAN_RFC822, text(data));
            case IdentificationPayload.ID_IPV4_ADDR, IdentificationPayload.ID_IPV6_ADDR -> hasAddress(certificate,
                data);
            default -> false;
        };
    }

    private static String text(final byte[] data)
    {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static boolean hasName(final X509Certificate certificate, final int sanType, final String name)
    {
        return alternativeNames(certificate).stream().anyMatch(entry -> (Integer)entry.get(0) == sanType &&
            entry.get(1) instanceof String value && value.equalsIgnoreCase(name));
    }

    private static boolean hasAddress(final X509Certificate certificate, final byte[] address)
    {
        for (final List<?> entry : alternativeNames(certificate))
        {
            if ((Integer)entry.get(0) == SAN_IP && entry.get(1) instanceof String literal)
            {
                try
                {
                    if (Arrays.equals(InetAddress.ofLiteral(literal).getAddress(), address))
                    {
                        return true;
                    }
                }
                catch (final IllegalArgumentException ex)
                {
                    // An iPAddress the JDK cannot render (an address range of a CA constraint): not ours.
                }
            }
        }
        return false;
    }

    private static Collection<List<?>> alternativeNames(final X509Certificate certificate)
    {
        try
        {
            final Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        }
        catch (final CertificateParsingException ex)
        {
            return List.of();
        }
    }
}
