package io.torii.ike.control;

import io.torii.ike.proposal.EncryptionAlgorithm;
import io.torii.ike.proposal.IntegrityAlgorithm;
import io.torii.ike.proposal.KeyExchangeMethod;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.PseudorandomFunction;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayList;
import java.util.List;

/**
 * Negotiated suites spelled as swanctl lists them: algorithm names without their IANA prefix, the key
 * length after a dash, transforms joined by slashes, for example
 * {@code AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519} or {@code AES_CBC-128/HMAC_SHA2_256_128}.
 */
public final class SuiteNames
{
    private SuiteNames()
    {
    }

    /**
     * @param proposal the chosen IKE proposal, or null before one was chosen.
     * @return encryption, integrity, PRF and key exchange; empty for null.
     */
    public static String ike(final Proposal proposal)
    {
        if (proposal == null)
        {
            return "";
        }
        final List<String> parts = new ArrayList<>();
        for (final Transform transform : proposal.transformsOf(TransformType.ENCRYPTION))
        {
            parts.add(encryption(transform.id(), transform.hasKeyLength() ? transform.keyLength() : 0));
        }
        for (final Transform transform : proposal.transformsOf(TransformType.INTEGRITY))
        {
            if (transform.id() != IntegrityAlgorithm.NONE)
            {
                parts.add(integrity(transform.id()));
            }
        }
        for (final Transform transform : proposal.transformsOf(TransformType.PRF))
        {
            parts.add(PseudorandomFunction.name(transform.id()));
        }
        for (final Transform transform : proposal.transformsOf(TransformType.KEY_EXCHANGE))
        {
            if (transform.id() != KeyExchangeMethod.NONE)
            {
                parts.add(KeyExchangeMethod.name(transform.id()));
            }
        }
        return String.join("/", parts);
    }

    /**
     * @param child a negotiated Child SA.
     * @return its encryption and integrity, with {@code /ESN} when it uses extended sequence numbers.
     */
    public static String esp(final ChildSa child)
    {
        final StringBuilder text = new StringBuilder(encryption(child.encryptionId(), child.encryptionKeyBits()));
        if (child.integrityId() != IntegrityAlgorithm.NONE)
        {
            text.append('/').append(integrity(child.integrityId()));
        }
        if (child.esn())
        {
            text.append("/ESN");
        }
        return text.toString();
    }

    private static String encryption(final int id, final int keyBits)
    {
        final String name = withoutPrefix(EncryptionAlgorithm.name(id), "ENCR_");
        return keyBits > 0 ? name + "-" + keyBits : name;
    }

    private static String integrity(final int id)
    {
        return withoutPrefix(IntegrityAlgorithm.name(id), "AUTH_");
    }

    private static String withoutPrefix(final String name, final String prefix)
    {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
