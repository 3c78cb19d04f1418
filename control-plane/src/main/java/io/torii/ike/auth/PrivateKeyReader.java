package io.torii.ike.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads a private key file of swanctl's {@code private/}, {@code rsa/}, {@code ecdsa/} or {@code pkcs8/}
 * folder, PEM or DER, in the containers strongSwan reads: PKCS#8 PrivateKeyInfo (RFC 5208; RSA, ECDSA,
 * Ed25519, Ed448), PKCS#8 EncryptedPrivateKeyInfo with a passphrase (PBES2, RFC 8018), RSAPrivateKey
 * (PKCS#1, RFC 8017 §A.1.2) and ECPrivateKey (SEC1, RFC 5915). PKCS#1 and SEC1 keys are wrapped into
 * PKCS#8 for the JDK's {@link KeyFactory}:
 * <pre>
 *   PrivateKeyInfo ::= SEQUENCE {
 *     version                   INTEGER (0),
 *     privateKeyAlgorithm       AlgorithmIdentifier,  -- rsaEncryption + NULL, or id-ecPublicKey + curve
 *     privateKey                OCTET STRING }        -- the PKCS#1 or SEC1 encoding
 * </pre>
 */
public final class PrivateKeyReader
{
    private static final byte[] RSA_ENCRYPTION = Der.oid("1.2.840.113549.1.1.1");
    private static final byte[] RSASSA_PSS = Der.oid("1.2.840.113549.1.1.10");
    private static final byte[] EC_PUBLIC_KEY = Der.oid("1.2.840.10045.2.1");
    private static final byte[] ED25519 = Der.oid("1.3.101.112");
    private static final byte[] ED448 = Der.oid("1.3.101.113");
    private static final int EC_PARAMETERS_TAG = 0xA0;

    private PrivateKeyReader()
    {
    }

    /**
     * @param file the file's bytes.
     * @param passphrase the passphrase of an encrypted key, or empty; the caller zeroes it.
     * @return the key, or why it cannot be read.
     */
    public static CredentialResult<PrivateKey> read(final byte[] file, final char[] passphrase)
    {
        final CredentialResult<List<PemBlocks.Block>> blocks = PemBlocks.read(file);
        if (!blocks.isOk())
        {
            return CredentialResult.refused(blocks.reason());
        }
        for (final PemBlocks.Block block : blocks.value())
        {
            if (block.label().equals("EC PARAMETERS"))
            {
                continue;
            }
            try
            {
                if (block.encrypted())
                {
                    return CredentialResult.refused("OpenSSL's legacy encrypted " + block.label() + " is not " +
                        "supported; convert it to an encrypted PKCS#8 key");
                }
                return switch (block.label())
                {
                    case "PRIVATE KEY" -> pkcs8(block.der());
                    case "ENCRYPTED PRIVATE KEY" -> encrypted(block.der(), passphrase);
                    case "RSA PRIVATE KEY" -> pkcs8(wrap(RSA_ENCRYPTION, Der.encode(Der.NULL), block.der()));
                    case "EC PRIVATE KEY" -> sec1(block.der());
                    case "" -> anyDer(block.der(), passphrase);
                    default -> CredentialResult.refused("a PEM " + block.label() + " block is not a private key");
                };
            }
            finally
            {
                Arrays.fill(block.der(), (byte)0);
            }
        }
        return CredentialResult.refused("no private key in the file");
    }

    /** A DER file: PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC, told apart by their first fields. */
    private static CredentialResult<PrivateKey> anyDer(final byte[] der, final char[] passphrase)
    {
        final Optional<List<Der.Element>> fields = Der.single(der).filter(e -> e.tag() == Der.SEQUENCE)
            .flatMap(Der.Element::children);
        if (fields.isEmpty() || fields.get().size() < 2)
        {
            return CredentialResult.refused("not a DER private key");
        }
        final List<Der.Element> parts = fields.get();
        if (parts.get(0).tag() == Der.SEQUENCE)
        {
            return encrypted(der, passphrase);
        }
        if (parts.get(1).tag() == Der.SEQUENCE)
        {
            return pkcs8(der);
        }
        if (parts.get(1).tag() == Der.OCTET_STRING)
        {
            return sec1(der);
        }
        return pkcs8(wrap(RSA_ENCRYPTION, Der.encode(Der.NULL), der));
    }

    private static CredentialResult<PrivateKey> sec1(final byte[] der)
    {
        final Optional<Der.Element> curve = Der.single(der).flatMap(Der.Element::children).flatMap(fields ->
            fields.stream().filter(f -> f.tag() == EC_PARAMETERS_TAG).findFirst())
            .flatMap(Der.Element::children).filter(c -> c.size() == 1).map(List::getFirst);
        if (curve.isEmpty() || curve.get().tag() != Der.OID)
        {
            return CredentialResult.refused("the EC private key names no curve");
        }
        return pkcs8(wrap(EC_PUBLIC_KEY, curve.get().encoded(), der));
    }

    private static byte[] wrap(final byte[] algorithm, final byte[] parameters, final byte[] key)
    {
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}),
            Der.encode(Der.SEQUENCE, algorithm, parameters), Der.encode(Der.OCTET_STRING, key));
    }

    private static CredentialResult<PrivateKey> pkcs8(final byte[] der)
    {
        final Optional<byte[]> algorithm = Der.single(der).flatMap(Der.Element::children)
            .filter(fields -> fields.size() >= 3 && fields.get(1).tag() == Der.SEQUENCE)
            .flatMap(fields -> fields.get(1).children()).filter(a -> !a.isEmpty()).map(a -> a.getFirst().encoded());
        if (algorithm.isEmpty())
        {
            return CredentialResult.refused("not a PKCS#8 private key");
        }
        final String keyAlgorithm = keyAlgorithm(algorithm.get());
        if (keyAlgorithm.isEmpty())
        {
            return CredentialResult.refused("a private key of an algorithm Torii does not sign with");
        }
        try
        {
            return CredentialResult.ok(KeyFactory.getInstance(keyAlgorithm).generatePrivate(
                new PKCS8EncodedKeySpec(der)));
        }
        catch (final GeneralSecurityException ex)
        {
            return CredentialResult.refused("the " + keyAlgorithm + " private key does not parse: " + ex.getMessage());
        }
    }

    private static String keyAlgorithm(final byte[] oid)
    {
        if (Arrays.equals(oid, RSA_ENCRYPTION) || Arrays.equals(oid, RSASSA_PSS))
        {
            return Arrays.equals(oid, RSA_ENCRYPTION) ? "RSA" : "RSASSA-PSS";
        }
        if (Arrays.equals(oid, EC_PUBLIC_KEY))
        {
            return "EC";
        }
        if (Arrays.equals(oid, ED25519))
        {
            return "Ed25519";
        }
        return Arrays.equals(oid, ED448) ? "Ed448" : "";
    }

    private static CredentialResult<PrivateKey> encrypted(final byte[] der, final char[] passphrase)
    {
        if (passphrase.length == 0)
        {
            return CredentialResult.refused("the private key is encrypted and no secrets.private<suffix> " +
                "passphrase is given for it");
        }
        final PBEKeySpec spec = new PBEKeySpec(passphrase);
        try
        {
            final EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            final SecretKey key = SecretKeyFactory.getInstance(info.getAlgName()).generateSecret(spec);
            final Cipher cipher = Cipher.getInstance(info.getAlgName());
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            final byte[] plain = info.getKeySpec(cipher).getEncoded();
            try
            {
                return pkcs8(plain);
            }
            finally
            {
                Arrays.fill(plain, (byte)0);
            }
        }
        catch (final GeneralSecurityException | java.io.IOException ex)
        {
            return CredentialResult.refused("the encrypted private key cannot be decrypted (wrong passphrase or " +
                "unsupported cipher): " + ex.getMessage());
        }
        finally
        {
            spec.clearPassword();
        }
    }
}
