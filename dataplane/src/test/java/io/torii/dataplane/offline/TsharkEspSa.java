package io.torii.dataplane.offline;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.SaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entries of Wireshark's ESP SA table (the {@code esp_sa} UAT), passed to tshark as
 * {@code -o uat:esp_sa:RECORD}, one option per SA.
 *
 * <p>In Wireshark 4.0 a record is eight quoted, comma-separated fields: address family
 * ({@code IPv4} or {@code IPv6}), source address, destination address (either may be {@code *}),
 * SPI ({@code 0x} hex), encryption algorithm, encryption key, authentication algorithm and
 * authentication key, the algorithms by the names Wireshark's preferences dialog shows and the keys
 * as {@code 0x} hex. There is no field for extended sequence numbers: 4.0 only knows the 32 bits
 * on the wire.
 *
 * <p>What Wireshark 4.0 cannot decrypt, and so has no name here: ChaCha20-Poly1305 (RFC 7634) and
 * AES-GMAC (RFC 4543, ENCR_NULL_AUTH_AES_GMAC). Its list of ESP encryption algorithms stops at
 * NULL, 3DES, AES-CBC, AES-CTR, DES, CAST5, Blowfish, Twofish and AES-GCM with 8, 12 or 16 octet
 * ICVs.
 */
final class TsharkEspSa
{
    private TsharkEspSa()
    {
    }

    /**
     * @param encryption a Torii algorithm.
     * @return Wireshark 4.0's name for it, or empty when Wireshark cannot decrypt it.
     */
    static Optional<String> encryptionName(final EncryptionAlgorithm encryption)
    {
        return switch (encryption)
        {
            case NULL -> Optional.of("NULL");
            case AES_CBC_128, AES_CBC_256 -> Optional.of("AES-CBC [RFC3602]");
            // Wireshark takes the salt as the key's last four bytes, as RFC 4106 §8.1 keys it.
            case AES_GCM_16_128, AES_GCM_16_256 -> Optional.of("AES-GCM with 16 octet ICV [RFC4106]");
            case CHACHA20_POLY1305, AES_GMAC_128, AES_GMAC_256 -> Optional.empty();
        };
    }

    /**
     * @param integrity a Torii algorithm.
     * @return Wireshark 4.0's name for it; combined modes use {@code NULL}.
     */
    static String integrityName(final IntegrityAlgorithm integrity)
    {
        return switch (integrity)
        {
            case NONE -> "NULL";
            case HMAC_SHA2_256_128 -> "HMAC-SHA-256-128 [RFC4868]";
            case HMAC_SHA2_384_192 -> "HMAC-SHA-384-192 [RFC4868]";
            case HMAC_SHA2_512_256 -> "HMAC-SHA-512-256 [RFC4868]";
        };
    }

    /**
     * @param sa an ESP SA.
     * @return whether Wireshark 4.0 can decrypt it.
     */
    static boolean decryptable(final SaConfig sa)
    {
        return encryptionName(sa.encryption()).isPresent();
    }

    /**
     * @param sa an ESP SA Wireshark can decrypt.
     * @param encryptionKeyHex its encryption key and salt in hex.
     * @param integrityKeyHex the integrity key to give Wireshark in hex; empty for none.
     * @return the options that add it to tshark's SA table.
     */
    static List<String> option(final SaConfig sa, final String encryptionKeyHex, final String integrityKeyHex)
    {
        final List<String> fields = new ArrayList<>();
        fields.add(sa.isIpv6() ? "IPv6" : "IPv4");
        fields.add(sa.source().getHostAddress());
        fields.add(sa.destination().getHostAddress());
        fields.add(String.format("0x%08x", sa.spi()));
        fields.add(encryptionName(sa.encryption()).orElseThrow(
            () -> new IllegalArgumentException("Wireshark 4.0 cannot decrypt " + sa.encryption().keyword())));
        fields.add(hexKey(encryptionKeyHex));
        fields.add(integrityName(sa.integrity()));
        fields.add(hexKey(integrityKeyHex));
        final StringBuilder record = new StringBuilder("uat:esp_sa:");
        for (int i = 0; i < fields.size(); i++)
        {
            record.append(i == 0 ? "\"" : ",\"").append(fields.get(i)).append('"');
        }
        return List.of("-o", record.toString());
    }

    private static String hexKey(final String hex)
    {
        return hex.isEmpty() ? "" : "0x" + hex;
    }
}
