package io.torii.ike.auth;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The signature schemes of RFC 7427 Digital Signature authentication that Torii signs and verifies, each
 * with the ASN.1 AlgorithmIdentifier that prefixes its AUTH data (RFC 7427 §3 and Appendix A), the
 * RFC 7427 §7 hash algorithm a peer must announce in SIGNATURE_HASH_ALGORITHMS for it, and the JDK
 * {@link java.security.Signature} that computes it. RSASSA-PSS uses MGF1 with the same hash and a salt as
 * long as the hash, as RFC 7427 Appendix A.4 and strongSwan do. ECDSA and RSA signatures are the X.509
 * encodings (a DER ECDSA-Sig-Value, the RSA signature octets); Ed25519 signs the octets themselves
 * (RFC 8420).
 */
public enum SignatureScheme
{
    /** RSASSA-PSS with SHA-256 (RFC 7427 A.4.1). */
    RSA_PSS_SHA256(KeyFamily.RSA, HashAlgorithms.SHA2_256, "RSASSA-PSS", "SHA-256", "2.16.840.1.101.3.4.2.1", 32),
    /** RSASSA-PSS with SHA-384. */
    RSA_PSS_SHA384(KeyFamily.RSA, HashAlgorithms.SHA2_384, "RSASSA-PSS", "SHA-384", "2.16.840.1.101.3.4.2.2", 48),
    /** RSASSA-PSS with SHA-512. */
    RSA_PSS_SHA512(KeyFamily.RSA, HashAlgorithms.SHA2_512, "RSASSA-PSS", "SHA-512", "2.16.840.1.101.3.4.2.3", 64),
    /** RSA PKCS#1 v1.5 with SHA-256, sha256WithRSAEncryption (RFC 7427 A.1.2). */
    RSA_SHA256(KeyFamily.RSA, HashAlgorithms.SHA2_256, "SHA256withRSA", "1.2.840.113549.1.1.11", true),
    /** RSA PKCS#1 v1.5 with SHA-384. */
    RSA_SHA384(KeyFamily.RSA, HashAlgorithms.SHA2_384, "SHA384withRSA", "1.2.840.113549.1.1.12", true),
    /** RSA PKCS#1 v1.5 with SHA-512. */
    RSA_SHA512(KeyFamily.RSA, HashAlgorithms.SHA2_512, "SHA512withRSA", "1.2.840.113549.1.1.13", true),
    /** ECDSA with SHA-256, ecdsa-with-SHA256 (RFC 7427 A.3.1). */
    ECDSA_SHA256(KeyFamily.EC, HashAlgorithms.SHA2_256, "SHA256withECDSA", "1.2.840.10045.4.3.2", false),
    /** ECDSA with SHA-384. */
    ECDSA_SHA384(KeyFamily.EC, HashAlgorithms.SHA2_384, "SHA384withECDSA", "1.2.840.10045.4.3.3", false),
    /** ECDSA with SHA-512. */
    ECDSA_SHA512(KeyFamily.EC, HashAlgorithms.SHA2_512, "SHA512withECDSA", "1.2.840.10045.4.3.4", false),
    /** Ed25519 (RFC 8420), which hashes internally: the peer announces the Identity hash. */
    ED25519(KeyFamily.ED25519, HashAlgorithms.IDENTITY, "Ed25519", "1.3.101.112", false);

    private static final String RSASSA_PSS_OID = "1.2.840.113549.1.1.10";
    private static final String MGF1_OID = "1.2.840.113549.1.1.8";
    private static final int TRAILER_FIELD_BC = 1;

    /** The kinds of keys a scheme signs with. */
    public enum KeyFamily
    {
        /** RSA keys, PKCS#1 or PSS. */
        RSA,
        /** ECDSA keys on NIST curves. */
        EC,
        /** Ed25519 keys. */
        ED25519;

        /**
         * @param key a public or private key.
         * @return its family, or null for keys Torii does not sign with.
         */
        public static KeyFamily of(final Key key)
        {
            if (key instanceof RSAKey)
            {
                return RSA;
            }
            if (key instanceof ECKey)
            {
                return EC;
            }
            return key instanceof EdECKey edec && edec.getParams().getName().equalsIgnoreCase("Ed25519") ?
                ED25519 : null;
        }
    }

    private final KeyFamily family;
    private final int hashAlgorithm;
    private final String jcaName;
    private final AlgorithmParameterSpec parameters;
    private final byte[] algorithmIdentifier;

    SignatureScheme(final KeyFamily family, final int hashAlgorithm, final String jcaName, final String oid,
        final boolean nullParameters)
    {
        this.family = family;
        this.hashAlgorithm = hashAlgorithm;
        this.jcaName = jcaName;
        this.parameters = null;
        this.algorithmIdentifier = nullParameters ? Der.encode(Der.SEQUENCE, Der.oid(oid), Der.encode(Der.NULL)) :
            Der.encode(Der.SEQUENCE, Der.oid(oid));
    }

    SignatureScheme(final KeyFamily family, final int hashAlgorithm, final String jcaName, final String digest,
        final String digestOid, final int saltLength)
    {
        this.family = family;
        this.hashAlgorithm = hashAlgorithm;
        this.jcaName = jcaName;
        this.parameters = new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength,
            TRAILER_FIELD_BC);
        // RSASSA-PSS-params (RFC 8017 A.2.3) with explicit [0] hash, [1] MGF1 over it, [2] salt length.
        final byte[] hash = Der.encode(Der.SEQUENCE, Der.oid(digestOid), Der.encode(Der.NULL));
        this.algorithmIdentifier = Der.encode(Der.SEQUENCE, Der.oid(RSASSA_PSS_OID), Der.encode(Der.SEQUENCE,
            Der.encode(0xA0, hash),
            Der.encode(0xA1, Der.encode(Der.SEQUENCE, Der.oid(MGF1_OID), hash)),
            Der.encode(0xA2, Der.encode(Der.INTEGER, new byte[] {(byte)saltLength}))));
    }

    /** @return the kind of key this scheme signs with. */
    public KeyFamily family()
    {
        return family;
    }

    /** @return the RFC 7427 hash algorithm a peer announces for this scheme. */
    public int hashAlgorithm()
    {
        return hashAlgorithm;
    }

    /** @return the JDK signature algorithm name. */
    public String jcaName()
    {
        return jcaName;
    }

    /** @return the PSS parameters, or null for schemes without parameters. */
    public AlgorithmParameterSpec parameters()
    {
        return parameters;
    }

    /** @return a copy of the DER AlgorithmIdentifier that prefixes the AUTH data. */
    public byte[] algorithmIdentifier()
    {
        return algorithmIdentifier.clone();
    }

    /** @return whether this is RSASSA-PSS. */
    public boolean isPss()
    {
        return parameters instanceof PSSParameterSpec;
    }

    /** @return the DER OID of RSASSA-PSS, for matching a received AlgorithmIdentifier. */
    static byte[] pssOid()
    {
        return Der.oid(RSASSA_PSS_OID);
    }
}
