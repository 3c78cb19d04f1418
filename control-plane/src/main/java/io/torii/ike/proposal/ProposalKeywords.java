package io.torii.ike.proposal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The algorithm keywords of strongSwan 5.9 proposal strings that Torii understands, each naming one
 * transform: {@code aes256} is ENCR_AES_CBC with a 256-bit Key Length, {@code sha256} is
 * AUTH_HMAC_SHA2_256_128, {@code prfsha256} is PRF_HMAC_SHA2_256, {@code x25519} is Curve25519,
 * {@code esn} asks for extended sequence numbers. Several keywords may name the same transform
 * ({@code aes128gcm16}, {@code aes128gcm128} and {@code aes128gcm}; {@code x25519} and
 * {@code curve25519}). Keywords are matched without regard to case.
 */
public final class ProposalKeywords
{
    /** What {@link #expectedSummary()} returns: the keyword families, for error messages. */
    private static final String EXPECTED =
        "an encryption algorithm (aes128, aes192, aes256, aes128ctr, aes256gcm16, aes128ccm12, aes256gcm8, " +
        "aes128gmac, chacha20poly1305, camellia256, 3des, des, blowfish, null), " +
        "an integrity algorithm (sha256, sha384, sha512, sha1, md5, aesxcbc, aescmac), " +
        "a PRF (prfsha256, prfsha384, prfsha512, prfsha1, prfmd5, prfaesxcbc, prfaescmac), " +
        "a key exchange method (x25519, x448, ecp256, ecp384, ecp521, ecp192, ecp224, ecp256bp, ecp384bp, " +
        "ecp512bp, ecp224bp, modp2048, modp3072, modp4096, modp6144, modp8192, modp1536, modp1024, modp768, " +
        "modp1024s160, modp2048s224, modp2048s256, mlkem512, mlkem768, mlkem1024, none) " +
        "or esn/noesn";

    private static final Map<String, Transform> KEYWORDS = buildTable();

    private ProposalKeywords()
    {
    }

    /**
     * @param keyword one dash-separated word of a proposal string.
     * @return the transform it names, or empty when it is not a keyword.
     */
    public static Optional<Transform> lookup(final String keyword)
    {
        return Optional.ofNullable(KEYWORDS.get(keyword.toLowerCase(Locale.ROOT)));
    }

    /** @return the keyword families and examples, to tell a user what a proposal string may hold. */
    public static String expectedSummary()
    {
        return EXPECTED;
    }

    private static Map<String, Transform> buildTable()
    {
        final Map<String, Transform> table = new HashMap<>();
        addEncryption(table);
        addIntegrityAndPrf(table);
        addKeyExchange(table);
        table.put("esn", Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.YES));
        table.put("noesn", Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.NO));
        return Map.copyOf(table);
    }

    private static void addEncryption(final Map<String, Transform> table)
    {
        encryption(table, "null", EncryptionAlgorithm.NULL, 0);
        encryption(table, "des", EncryptionAlgorithm.DES, 0);
        encryption(table, "3des", EncryptionAlgorithm.TRIPLE_DES, 0);
        // A bare family name means its 128-bit variant, as in strongSwan.
        encryption(table, "aes", EncryptionAlgorithm.AES_CBC, 128);
        encryption(table, "blowfish", EncryptionAlgorithm.BLOWFISH, 128);
        encryption(table, "camellia", EncryptionAlgorithm.CAMELLIA_CBC, 128);
        encryption(table, "chacha20poly1305", EncryptionAlgorithm.CHACHA20_POLY1305, 0);
        // strongSwan's keyword for peers that wrongly send a 256-bit Key Length with ChaCha20-Poly1305.
        encryption(table, "chacha20poly1305compat", EncryptionAlgorithm.CHACHA20_POLY1305, 256);
        for (final int bits : new int[] {128, 192, 256})
        {
            encryption(table, "aes" + bits, EncryptionAlgorithm.AES_CBC, bits);
            encryption(table, "aes" + bits + "ctr", EncryptionAlgorithm.AES_CTR, bits);
            encryption(table, "aes" + bits + "gmac", EncryptionAlgorithm.NULL_AUTH_AES_GMAC, bits);
            encryption(table, "blowfish" + bits, EncryptionAlgorithm.BLOWFISH, bits);
            encryption(table, "camellia" + bits, EncryptionAlgorithm.CAMELLIA_CBC, bits);
            // The ICV length is written in bytes (gcm16) or bits (gcm128); no suffix means 16 bytes.
            aead(table, "aes" + bits + "gcm", bits,
                EncryptionAlgorithm.AES_GCM_8, EncryptionAlgorithm.AES_GCM_12, EncryptionAlgorithm.AES_GCM_16);
            aead(table, "aes" + bits + "ccm", bits,
                EncryptionAlgorithm.AES_CCM_8, EncryptionAlgorithm.AES_CCM_12, EncryptionAlgorithm.AES_CCM_16);
        }
    }

    private static void aead(final Map<String, Transform> table, final String stem, final int bits,
        final int icv8, final int icv12, final int icv16)
    {
        encryption(table, stem + "8", icv8, bits);
        encryption(table, stem + "64", icv8, bits);
        encryption(table, stem + "12", icv12, bits);
        encryption(table, stem + "96", icv12, bits);
        encryption(table, stem + "16", icv16, bits);
        encryption(table, stem + "128", icv16, bits);
        encryption(table, stem, icv16, bits);
    }

    private static void addIntegrityAndPrf(final Map<String, Transform> table)
    {
        integrity(table, IntegrityAlgorithm.HMAC_SHA1_96, "sha", "sha1");
        integrity(table, IntegrityAlgorithm.HMAC_SHA2_256_128, "sha256", "sha2_256");
        integrity(table, IntegrityAlgorithm.HMAC_SHA2_384_192, "sha384", "sha2_384");
        integrity(table, IntegrityAlgorithm.HMAC_SHA2_512_256, "sha512", "sha2_512");
        integrity(table, IntegrityAlgorithm.HMAC_MD5_96, "md5");
        integrity(table, IntegrityAlgorithm.AES_XCBC_96, "aesxcbc");
        integrity(table, IntegrityAlgorithm.AES_CMAC_96, "aescmac");
        prf(table, "prfsha1", PseudorandomFunction.HMAC_SHA1);
        prf(table, "prfsha256", PseudorandomFunction.HMAC_SHA2_256);
        prf(table, "prfsha384", PseudorandomFunction.HMAC_SHA2_384);
        prf(table, "prfsha512", PseudorandomFunction.HMAC_SHA2_512);
        prf(table, "prfmd5", PseudorandomFunction.HMAC_MD5);
        prf(table, "prfaesxcbc", PseudorandomFunction.AES128_XCBC);
        prf(table, "prfaescmac", PseudorandomFunction.AES128_CMAC);
    }

    private static void addKeyExchange(final Map<String, Transform> table)
    {
        keyExchange(table, KeyExchangeMethod.NONE, "none", "modpnone");
        keyExchange(table, KeyExchangeMethod.MODP_768, "modp768");
        keyExchange(table, KeyExchangeMethod.MODP_1024, "modp1024");
        keyExchange(table, KeyExchangeMethod.MODP_1536, "modp1536");
        keyExchange(table, KeyExchangeMethod.MODP_2048, "modp2048");
        keyExchange(table, KeyExchangeMethod.MODP_3072, "modp3072");
        keyExchange(table, KeyExchangeMethod.MODP_4096, "modp4096");
        keyExchange(table, KeyExchangeMethod.MODP_6144, "modp6144");
        keyExchange(table, KeyExchangeMethod.MODP_8192, "modp8192");
        keyExchange(table, KeyExchangeMethod.ECP_192, "ecp192");
        keyExchange(table, KeyExchangeMethod.ECP_224, "ecp224");
        keyExchange(table, KeyExchangeMethod.ECP_256, "ecp256");
        keyExchange(table, KeyExchangeMethod.ECP_384, "ecp384");
        keyExchange(table, KeyExchangeMethod.ECP_521, "ecp521");
        keyExchange(table, KeyExchangeMethod.MODP_1024_160, "modp1024s160");
        keyExchange(table, KeyExchangeMethod.MODP_2048_224, "modp2048s224");
        keyExchange(table, KeyExchangeMethod.MODP_2048_256, "modp2048s256");
        keyExchange(table, KeyExchangeMethod.BRAINPOOL_P224, "ecp224bp");
        keyExchange(table, KeyExchangeMethod.BRAINPOOL_P256, "ecp256bp");
        keyExchange(table, KeyExchangeMethod.BRAINPOOL_P384, "ecp384bp");
        keyExchange(table, KeyExchangeMethod.BRAINPOOL_P512, "ecp512bp");
        keyExchange(table, KeyExchangeMethod.CURVE25519, "curve25519", "x25519");
        keyExchange(table, KeyExchangeMethod.CURVE448, "curve448", "x448");
        keyExchange(table, KeyExchangeMethod.ML_KEM_512, "mlkem512");
        keyExchange(table, KeyExchangeMethod.ML_KEM_768, "mlkem768");
        keyExchange(table, KeyExchangeMethod.ML_KEM_1024, "mlkem1024");
    }

    private static void encryption(final Map<String, Transform> table, final String keyword, final int id,
        final int bits)
    {
        table.put(keyword, new Transform(TransformType.ENCRYPTION, id, bits));
    }

    private static void integrity(final Map<String, Transform> table, final int id, final String... keywords)
    {
        for (final String keyword : keywords)
        {
            table.put(keyword, Transform.of(TransformType.INTEGRITY, id));
        }
    }

    private static void prf(final Map<String, Transform> table, final String keyword, final int id)
    {
        table.put(keyword, Transform.of(TransformType.PRF, id));
    }

    private static void keyExchange(final Map<String, Transform> table, final int id, final String... keywords)
    {
        for (final String keyword : keywords)
        {
            table.put(keyword, Transform.of(TransformType.KEY_EXCHANGE, id));
        }
    }
}
