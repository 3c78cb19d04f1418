package io.torii.ike.auth;

import io.torii.ike.message.payload.AuthenticationPayload;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AUTH payloads signed with a private key over the signed octets of RFC 7296 §2.15 (the same octets a
 * pre-shared key MACs). With a peer that announced SIGNATURE_HASH_ALGORITHMS the method is Digital
 * Signature (14, RFC 7427 §3), whose Authentication Data is
 * <pre>
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | ASN.1 Length  | AlgorithmIdentifier ASN.1 object              |
 *   +-+-+-+-+-+-+-+-+                                               +
 *   ~                                                               ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~                         Signature Value                       ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Without it, ECDSA keys sign with the RFC 4754 methods 9, 10 and 11 (the hash fixed by the curve, the
 * signature r | s in fixed width), as strongSwan does; RSA then would need method 1 with SHA-1, which is
 * refused unless weak algorithms are allowed.
 */
public final class SignatureAuthentication
{
    /** ECDSA with SHA-256 on P-256 (RFC 4754). */
    public static final int METHOD_ECDSA_256 = 9;
    /** ECDSA with SHA-384 on P-384 (RFC 4754). */
    public static final int METHOD_ECDSA_384 = 10;
    /** ECDSA with SHA-512 on P-521 (RFC 4754). */
    public static final int METHOD_ECDSA_521 = 11;

    private static final List<SignatureScheme> RSA_PREFERENCE = List.of(SignatureScheme.RSA_PSS_SHA256,
        SignatureScheme.RSA_PSS_SHA384, SignatureScheme.RSA_PSS_SHA512);
    private static final int P256_BITS = 256;
    private static final int P384_BITS = 384;
    private static final int P521_BITS = 521;

    private SignatureAuthentication()
    {
    }

    /**
     * @param key our private key.
     * @param peerHashes the hashes in the peer's SIGNATURE_HASH_ALGORITHMS; empty when it sent none.
     * @param signedOctets our signed octets.
     * @param random randomness for PSS and ECDSA.
     * @return our AUTH payload, or why we cannot sign for this peer.
     */
    public static CredentialResult<AuthenticationPayload> sign(final PrivateKey key, final Set<Integer> peerHashes,
        final byte[] signedOctets, final SecureRandom random)
    {
        final SignatureScheme.KeyFamily family = SignatureScheme.KeyFamily.of(key);
        if (family == null)
        {
            return CredentialResult.refused("a " + key.getAlgorithm() + " private key cannot sign IKE AUTH");
        }
        if (peerHashes.isEmpty())
        {
            return classic(key, family, signedOctets, random);
        }
        final Optional<SignatureScheme> scheme = choose(key, family, peerHashes);
        if (scheme.isEmpty())
        {
            return CredentialResult.refused("the peer's signature hash algorithms " + peerHashes + " include none " +
                "a " + family + " key signs with");
        }
        final byte[] algorithm = scheme.get().algorithmIdentifier();
        final CredentialResult<byte[]> signature = compute(key, scheme.get().jcaName(), scheme.get(), signedOctets,
            random);
        if (!signature.isOk())
        {
            return CredentialResult.refused(signature.reason());
        }
        final byte[] data = new byte[1 + algorithm.length + signature.value().length];
        data[0] = (byte)algorithm.length;
        System.arraycopy(algorithm, 0, data, 1, algorithm.length);
        System.arraycopy(signature.value(), 0, data, 1 + algorithm.length, signature.value().length);
        return CredentialResult.ok(new AuthenticationPayload(AuthenticationPayload.METHOD_DIGITAL_SIGNATURE, data));
    }

    private static Optional<SignatureScheme> choose(final PrivateKey key, final SignatureScheme.KeyFamily family,
        final Set<Integer> peerHashes)
    {
        final List<SignatureScheme> preference = switch (family)
        {
            case RSA -> RSA_PREFERENCE;
            case ED25519 -> List.of(SignatureScheme.ED25519);
            case EC -> switch (curveBits(key))
            {
                case P384_BITS -> List.of(SignatureScheme.ECDSA_SHA384, SignatureScheme.ECDSA_SHA512,
                    SignatureScheme.ECDSA_SHA256);
                case P521_BITS -> List.of(SignatureScheme.ECDSA_SHA512, SignatureScheme.ECDSA_SHA384,
                    SignatureScheme.ECDSA_SHA256);
                default -> List.of(SignatureScheme.ECDSA_SHA256, SignatureScheme.ECDSA_SHA384,
                    SignatureScheme.ECDSA_SHA512);
            };
        };
        return preference.stream().filter(s -> peerHashes.contains(s.hashAlgorithm())).findFirst();
    }

    private static CredentialResult<AuthenticationPayload> classic(final PrivateKey key,
        final SignatureScheme.KeyFamily family, final byte[] signedOctets, final SecureRandom random)
    {
        if (family != SignatureScheme.KeyFamily.EC)
        {
            return CredentialResult.refused("the peer sent no SIGNATURE_HASH_ALGORITHMS (RFC 7427), and a " + family +
                " key then needs " + (family == SignatureScheme.KeyFamily.RSA ? "RSA with SHA-1, which is weak" :
                "RFC 7427, which the peer does not speak"));
        }
        final int method = classicMethod(curveBits(key));
        if (method == 0)
        {
            return CredentialResult.refused("an ECDSA key on a " + curveBits(key) +
                "-bit curve has no RFC 4754 method");
        }
        final CredentialResult<byte[]> signature = compute(key, classicAlgorithm(method), null, signedOctets, random);
        return signature.isOk() ? CredentialResult.ok(new AuthenticationPayload(method, signature.value())) :
            CredentialResult.refused(signature.reason());
    }

    /**
     * @param key the public key of the peer's (validated) certificate.
     * @param auth the peer's AUTH payload.
     * @param signedOctets the peer's signed octets.
     * @param allowSha1 whether RSA with SHA-1 (method 1) is accepted, which is weak.
     * @return the scheme's name when the signature verifies, else why not.
     */
    public static CredentialResult<String> verify(final PublicKey key, final AuthenticationPayload auth,
        final byte[] signedOctets, final boolean allowSha1)
    {
        final SignatureScheme.KeyFamily family = SignatureScheme.KeyFamily.of(key);
        final byte[] data = auth.data();
        return switch (auth.method())
        {
            case AuthenticationPayload.METHOD_DIGITAL_SIGNATURE -> verifyDigitalSignature(key, data, signedOctets);
            case METHOD_ECDSA_256, METHOD_ECDSA_384, METHOD_ECDSA_521 ->
                family != SignatureScheme.KeyFamily.EC || classicMethod(curveBits(key)) != auth.method() ?
                    CredentialResult.refused("AUTH method " + auth.method() + " does not fit the certificate's " +
                        key.getAlgorithm() + " key") :
                    check(key, classicAlgorithm(auth.method()), null, signedOctets, data, "ECDSA (RFC 4754)");
            case AuthenticationPayload.METHOD_RSA_SIGNATURE -> !allowSha1 ?
                CredentialResult.refused("the peer signed with RSA and SHA-1 (AUTH method 1), which is weak and " +
                    "not allowed") : family != SignatureScheme.KeyFamily.RSA ?
                CredentialResult.refused("AUTH method 1 with a " + key.getAlgorithm() + " key") :
                check(key, "SHA1withRSA", null, signedOctets, data, "RSA with SHA-1");
            default -> CredentialResult.refused("AUTH method " + auth.method() + " is not a signature method Torii " +
                "verifies");
        };
    }

    private static CredentialResult<String> verifyDigitalSignature(final PublicKey key, final byte[] data,
        final byte[] signedOctets)
    {
        final int length = data.length == 0 ? 0 : data[0] & 0xFF;
        if (data.length < 1 + length + 1)
        {
            return CredentialResult.refused("the Digital Signature AUTH data is shorter than its AlgorithmIdentifier");
        }
        final byte[] algorithm = Arrays.copyOfRange(data, 1, 1 + length);
        final byte[] signature = Arrays.copyOfRange(data, 1 + length, data.length);
        final Optional<SignatureScheme> scheme = scheme(algorithm);
        if (scheme.isEmpty())
        {
            return CredentialResult.refused("the peer signed with an AlgorithmIdentifier Torii does not know");
        }
        if (scheme.get().family() != SignatureScheme.KeyFamily.of(key))
        {
            return CredentialResult.refused("the peer signed with " + scheme.get() + ", which does not fit its " +
                key.getAlgorithm() + " certificate key");
        }
        return check(key, scheme.get().jcaName(), scheme.get(), signedOctets, signature, scheme.get().name());
    }

    /** The scheme of a received AlgorithmIdentifier; PSS by its parameters, whatever their encoding. */
    static Optional<SignatureScheme> scheme(final byte[] algorithm)
    {
        for (final SignatureScheme scheme : SignatureScheme.values())
        {
            if (Arrays.equals(scheme.algorithmIdentifier(), algorithm))
            {
                return Optional.of(scheme);
            }
        }
        final Optional<List<Der.Element>> fields = Der.single(algorithm).filter(e -> e.tag() == Der.SEQUENCE)
            .flatMap(Der.Element::children).filter(f -> f.size() == 2);
        if (fields.isEmpty() || !Arrays.equals(fields.get().get(0).encoded(), SignatureScheme.pssOid()))
        {
            return Optional.empty();
        }
        try
        {
            final AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(fields.get().get(1).encoded());
            final PSSParameterSpec received = parameters.getParameterSpec(PSSParameterSpec.class);
            for (final SignatureScheme scheme : SignatureScheme.values())
            {
                if (scheme.parameters() instanceof PSSParameterSpec pss &&
                    pss.getDigestAlgorithm().equals(received.getDigestAlgorithm()) &&
                    pss.getSaltLength() == received.getSaltLength() &&
                    received.getMGFParameters() instanceof MGF1ParameterSpec mgf &&
                    mgf.getDigestAlgorithm().equals(pss.getDigestAlgorithm()))
                {
                    return Optional.of(scheme);
                }
            }
            return Optional.empty();
        }
        catch (final GeneralSecurityException | java.io.IOException ex)
        {
            return Optional.empty();
        }
    }

    private static CredentialResult<String> check(final PublicKey key, final String algorithm,
        final SignatureScheme scheme, final byte[] signedOctets, final byte[] signature, final String name)
    {
        try
        {
            final Signature verifier = Signature.getInstance(algorithm);
            if (scheme != null && scheme.parameters() != null)
            {
                verifier.setParameter(scheme.parameters());
            }
            verifier.initVerify(key);
            verifier.update(signedOctets);
            return verifier.verify(signature) ? CredentialResult.ok(name) :
                CredentialResult.refused("the " + name + " signature does not verify with the certificate's key");
        }
        catch (final GeneralSecurityException ex)
        {
            return CredentialResult.refused("the " + name + " signature cannot be verified: " + ex.getMessage());
        }
    }

    private static CredentialResult<byte[]> compute(final PrivateKey key, final String algorithm,
        final SignatureScheme scheme, final byte[] signedOctets, final SecureRandom random)
    {
        try
        {
            final Signature signer = Signature.getInstance(algorithm);
            if (scheme != null && scheme.parameters() != null)
            {
                signer.setParameter(scheme.parameters());
            }
            signer.initSign(key, random);
            signer.update(signedOctets);
            return CredentialResult.ok(signer.sign());
        }
        catch (final GeneralSecurityException ex)
        {
            return CredentialResult.refused("cannot sign with " + algorithm + ": " + ex.getMessage());
        }
    }

    private static int curveBits(final java.security.Key key)
    {
        return key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 0;
    }

    private static int classicMethod(final int curveBits)
    {
        return switch (curveBits)
        {
            case P256_BITS -> METHOD_ECDSA_256;
            case P384_BITS -> METHOD_ECDSA_384;
            case P521_BITS -> METHOD_ECDSA_521;
            default -> 0;
        };
    }

    private static String classicAlgorithm(final int method)
    {
        return switch (method)
        {
            case METHOD_ECDSA_256 -> "SHA256withECDSAinP1363Format";
            case METHOD_ECDSA_384 -> "SHA384withECDSAinP1363Format";
            default -> "SHA512withECDSAinP1363Format";
        };
    }
}
