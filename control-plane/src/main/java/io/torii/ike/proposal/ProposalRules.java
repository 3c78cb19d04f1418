package io.torii.ike.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks and completions strongSwan 5.9 applies to a proposal read from a string, per protocol:
 * <ul>
 * <li>IKE: a PRF is derived from each integrity algorithm when no prf keyword is given; a PRF and a
 * key exchange method are required; {@code none} is dropped; ESN does not belong; encryption is
 * required and may not be NULL or GMAC (IKE needs confidentiality).</li>
 * <li>IKE and ESP: AEAD and classic ciphers may not be mixed; an all-AEAD proposal loses its integrity
 * algorithms (RFC 7296 §3.3); a classic IKE proposal needs an integrity algorithm.</li>
 * <li>ESP and AH: PRFs are dropped; without esn/noesn the proposal gets NO_ESN.</li>
 * <li>AH: only integrity algorithms; the {@code aesXXXgmac} keywords become AUTH_AES_XXX_GMAC.</li>
 * </ul>
 */
final class ProposalRules
{
    private ProposalRules()
    {
    }

    /**
     * Checks and completes the transforms in place.
     *
     * @param protocol {@link Proposal#IKE}, {@link Proposal#ESP} or {@link Proposal#AH}.
     * @param transforms the transforms in keyword order, changed in place.
     * @return what is wrong, or empty when the proposal is valid.
     */
    static Optional<String> apply(final int protocol, final List<Transform> transforms)
    {
        return switch (protocol)
        {
            case Proposal.IKE -> ike(transforms);
            case Proposal.ESP -> esp(transforms);
            default -> ah(transforms);
        };
    }

    private static Optional<String> ike(final List<Transform> transforms)
    {
        if (!ofType(transforms, TransformType.EXTENDED_SEQUENCE_NUMBERS).isEmpty())
        {
            return Optional.of("esn and noesn apply to ESP and AH proposals only, not to IKE proposals");
        }
        for (final Transform encryption : ofType(transforms, TransformType.ENCRYPTION))
        {
            final int id = encryption.id();
            if (id == EncryptionAlgorithm.NULL || id == EncryptionAlgorithm.NULL_AUTH_AES_GMAC)
            {
                return Optional.of(TransformNames.describe(encryption) +
                    " does not encrypt, and IKE messages must be encrypted: use it in ESP proposals only");
            }
        }
        if (ofType(transforms, TransformType.PRF).isEmpty())
        {
            derivePrfs(transforms);
        }
        if (ofType(transforms, TransformType.PRF).isEmpty())
        {
            return Optional.of("an IKE proposal needs a PRF: add a prf keyword such as prfsha256, or an " +
                "integrity algorithm such as sha256 from which the PRF is derived");
        }
        transforms.removeIf(t -> t.type() == TransformType.KEY_EXCHANGE && t.id() == KeyExchangeMethod.NONE);
        if (ofType(transforms, TransformType.KEY_EXCHANGE).isEmpty())
        {
            return Optional.of("an IKE proposal needs a key exchange method, such as x25519, ecp256 or modp3072");
        }
        return ciphers(Proposal.IKE, transforms);
    }

    private static Optional<String> esp(final List<Transform> transforms)
    {
        transforms.removeIf(t -> t.type() == TransformType.PRF);
        final Optional<String> problem = ciphers(Proposal.ESP, transforms);
        if (problem.isEmpty())
        {
            addNoEsnWhenAbsent(transforms);
        }
        return problem;
    }

    private static Optional<String> ah(final List<Transform> transforms)
    {
        transforms.removeIf(t -> t.type() == TransformType.PRF);
        for (int i = 0; i < transforms.size(); i++)
        {
            final Transform transform = transforms.get(i);
            if (transform.type() != TransformType.ENCRYPTION)
            {
                continue;
            }
            if (transform.id() != EncryptionAlgorithm.NULL_AUTH_AES_GMAC)
            {
                return Optional.of("AH does not encrypt, so an AH proposal takes no " +
                    TransformNames.describe(transform) + "; only integrity algorithms and aes128gmac, aes192gmac " +
                    "or aes256gmac");
            }
            // AES-GMAC is written as a cipher keyword but is an integrity algorithm in AH (RFC 4543 §5).
            final int gmac = switch (transform.keyLength())
            {
                case 192 -> IntegrityAlgorithm.AES_192_GMAC;
                case 256 -> IntegrityAlgorithm.AES_256_GMAC;
                default -> IntegrityAlgorithm.AES_128_GMAC;
            };
            transforms.set(i, Transform.of(TransformType.INTEGRITY, gmac));
        }
        if (ofType(transforms, TransformType.INTEGRITY).isEmpty())
        {
            return Optional.of("an AH proposal needs an integrity algorithm, such as sha256");
        }
        addNoEsnWhenAbsent(transforms);
        return Optional.empty();
    }

    private static Optional<String> ciphers(final int protocol, final List<Transform> transforms)
    {
        final String name = TransformNames.protocolName(protocol);
        final List<Transform> ciphers = ofType(transforms, TransformType.ENCRYPTION);
        if (ciphers.isEmpty())
        {
            return Optional.of("an " + name + " proposal needs an encryption algorithm, such as aes256gcm16 or aes256");
        }
        Transform aead = null;
        Transform classic = null;
        for (final Transform cipher : ciphers)
        {
            if (EncryptionAlgorithm.isAead(cipher.id()))
            {
                aead = aead == null ? cipher : aead;
            }
            else
            {
                classic = classic == null ? cipher : classic;
            }
        }
        if (aead != null && classic != null)
        {
            return Optional.of("AEAD cipher " + TransformNames.describe(aead) + " and classic cipher " +
                TransformNames.describe(classic) + " cannot share one " + name +
                " proposal: write them as two proposals, separated by a comma");
        }
        if (classic == null)
        {
            // RFC 7296 §3.3: an AEAD proposal has no integrity transform.
            transforms.removeIf(t -> t.type() == TransformType.INTEGRITY);
        }
        else if (protocol == Proposal.IKE && ofType(transforms, TransformType.INTEGRITY).isEmpty())
        {
            return Optional.of("an IKE proposal with classic cipher " + TransformNames.describe(classic) +
                " needs an integrity algorithm, such as sha256");
        }
        return Optional.empty();
    }

    private static void derivePrfs(final List<Transform> transforms)
    {
        for (final Transform integrity : ofType(transforms, TransformType.INTEGRITY))
        {
            final int prf = switch (integrity.id())
            {
                case IntegrityAlgorithm.HMAC_MD5_96 -> PseudorandomFunction.HMAC_MD5;
                case IntegrityAlgorithm.HMAC_SHA1_96 -> PseudorandomFunction.HMAC_SHA1;
                case IntegrityAlgorithm.AES_XCBC_96 -> PseudorandomFunction.AES128_XCBC;
                case IntegrityAlgorithm.AES_CMAC_96 -> PseudorandomFunction.AES128_CMAC;
                case IntegrityAlgorithm.HMAC_SHA2_256_128 -> PseudorandomFunction.HMAC_SHA2_256;
                case IntegrityAlgorithm.HMAC_SHA2_384_192 -> PseudorandomFunction.HMAC_SHA2_384;
                case IntegrityAlgorithm.HMAC_SHA2_512_256 -> PseudorandomFunction.HMAC_SHA2_512;
                default -> -1;
            };
            final Transform derived = prf < 0 ? null : Transform.of(TransformType.PRF, prf);
            if (derived != null && !transforms.contains(derived))
            {
                transforms.add(derived);
            }
        }
    }

    private static void addNoEsnWhenAbsent(final List<Transform> transforms)
    {
        if (ofType(transforms, TransformType.EXTENDED_SEQUENCE_NUMBERS).isEmpty())
        {
            transforms.add(Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.NO));
        }
    }

    private static List<Transform> ofType(final List<Transform> transforms, final int type)
    {
        final List<Transform> ofType = new ArrayList<>();
        for (final Transform transform : transforms)
        {
            if (transform.type() == type)
            {
                ofType.add(transform);
            }
        }
        return ofType;
    }
}
