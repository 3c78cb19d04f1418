package io.torii.interop;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of one IKE SA in the form of a row of Wireshark's {@code ikev2_decryption_table}, so that tshark
 * can decrypt its SK payloads (RFC 7296 section 3.14).
 *
 * <p>strongSwan 5.9.8 as Debian builds it has no {@code save-keys} plugin, so the keys come from charon's log:
 * at IKE level 4 it dumps every derived key after "Sk_ei secret => 36 bytes", one line per 16 bytes:
 * <pre>
 * 17:44:42 14[IKE] Sk_ei secret =&gt; 36 bytes @ 0x7f6c0c008bc0
 * 17:44:42 14[IKE]    0: F4 1B 19 21 D0 3A 05 C9 29 8F 9E 23 98 44 AF EB  ...!.:..)..#.D..
 * 17:44:42 14[IKE]   16: A2 E4 FB 40 1F 3A DB 56 31 70 3D A9 CB 6D C6 6E  ...@.:.V1p=..m.n
 * 17:44:42 14[IKE]   32: CE 1E A8 63                                      ...c
 * </pre>
 * The last dump of each key in the log wins, so read the keys right after the IKE SA of interest came up and
 * before another one (or a rekey) did. For AEAD ciphers the encryption keys include the salt (RFC 5282
 * section 7) and there are no integrity keys. The SPIs and algorithms come from {@link IkeSaStatus}.
 *
 * @param initiatorSpi the IKE SA's initiator SPI, 16 hex digits.
 * @param responderSpi its responder SPI, 16 hex digits.
 * @param skEi SK_ei in hex.
 * @param skEr SK_er in hex.
 * @param encryption Wireshark's name for the encryption algorithm.
 * @param skAi SK_ai in hex, empty for AEAD.
 * @param skAr SK_ar in hex, empty for AEAD.
 * @param integrity Wireshark's name for the integrity algorithm.
 */
public record IkeDecryptionKeys(String initiatorSpi, String responderSpi, String skEi, String skEr,
    String encryption, String skAi, String skAr, String integrity)
{
    private static final Pattern KEY_HEADER = Pattern.compile("\\[IKE] (Sk_[a-z]{2}) secret => (\\d+) bytes");
    private static final Pattern DUMP_LINE = Pattern.compile("\\[IKE]\\s+\\d+: (.*)$");
    private static final int BYTES_PER_DUMP_LINE = 16;

    /** Wireshark's names for strongSwan's encryption algorithm and key size, as vici reports them. */
    private static final Map<String, String> ENCRYPTION = Map.of(
        "AES_GCM_16/128", "AES-GCM-128 with 16 octet ICV [RFC5282]",
        "AES_GCM_16/256", "AES-GCM-256 with 16 octet ICV [RFC5282]",
        "AES_CBC/128", "AES-CBC-128 [RFC3602]",
        "AES_CBC/256", "AES-CBC-256 [RFC3602]");

    /** Wireshark's names for strongSwan's integrity algorithms. */
    private static final Map<String, String> INTEGRITY = Map.of(
        "", "NONE [RFC4306]",
        "HMAC_SHA2_256_128", "HMAC_SHA2_256_128 [RFC4868]",
        "HMAC_SHA2_384_192", "HMAC_SHA2_384_192 [RFC4868]",
        "HMAC_SHA2_512_256", "HMAC_SHA2_512_256 [RFC4868]");

    /**
     * @param ikeSa the IKE SA, from {@link SaListing}: SPIs and algorithms.
     * @param log charon's log, written with {@link PeerSetup#withIkeKeysLogged()}.
     * @return the keys, or a reason why they cannot be given.
     */
    public static Result from(final IkeSaStatus ikeSa, final List<String> log)
    {
        final String encryption = ENCRYPTION.get(ikeSa.field("encr-alg") + "/" + ikeSa.field("encr-keysize"));
        final String integrity = INTEGRITY.get(ikeSa.field("integ-alg"));
        if (encryption == null || integrity == null)
        {
            return new Result(Optional.empty(), "no Wireshark name for " + ikeSa.field("encr-alg") + "/" +
                ikeSa.field("encr-keysize") + " with integrity '" + ikeSa.field("integ-alg") + "'");
        }
        final Map<String, String> keys = lastKeyDumps(log);
        final boolean aead = ikeSa.field("integ-alg").isEmpty();
        if (!keys.containsKey("Sk_ei") || !keys.containsKey("Sk_er") ||
            !aead && (!keys.containsKey("Sk_ai") || !keys.containsKey("Sk_ar")))
        {
            return new Result(Optional.empty(), "no IKE key dumps in the log (was it written at IKE level 4?), found " +
                keys.keySet());
        }
        return new Result(Optional.of(new IkeDecryptionKeys(ikeSa.field("initiator-spi"),
            ikeSa.field("responder-spi"), keys.get("Sk_ei"), keys.get("Sk_er"), encryption,
            keys.getOrDefault("Sk_ai", ""), keys.getOrDefault("Sk_ar", ""), integrity)), "");
    }

    /**
     * The outcome of {@link #from}.
     *
     * @param keys the keys, when found.
     * @param reason why not, otherwise empty.
     */
    public record Result(Optional<IkeDecryptionKeys> keys, String reason)
    {
    }

    /**
     * @return the row as it goes into {@code ikev2_decryption_table} or after {@code -o uat:ikev2_decryption_table:}:
     *     byte fields as bare hex, algorithm names quoted (Wireshark's UAT file format).
     */
    public String tableRow()
    {
        return String.join(",", initiatorSpi, responderSpi, skEi, skEr, quoted(encryption), skAi, skAr,
            quoted(integrity));
    }

    /**
     * @return tshark's option that puts this row into its decryption table, for {@code tshark -o ...}.
     */
    public String tsharkOption()
    {
        return "uat:ikev2_decryption_table:" + tableRow();
    }

    /** Leaves the keys out, so that they never reach a test report. */
    @Override
    public String toString()
    {
        return "IkeDecryptionKeys[spis=" + initiatorSpi + "/" + responderSpi + ", " + encryption + ", " +
            integrity + "]";
    }

    private static String quoted(final String text)
    {
        return "\"" + text + "\"";
    }

    private static Map<String, String> lastKeyDumps(final List<String> log)
    {
        final Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < log.size(); i++)
        {
            final Matcher header = KEY_HEADER.matcher(log.get(i));
            if (!header.find())
            {
                continue;
            }
            final int length = Integer.parseInt(header.group(2));
            final StringBuilder hex = new StringBuilder();
            int line = i + 1;
            while (hex.length() < 2 * length && line < log.size())
            {
                final Matcher dump = DUMP_LINE.matcher(log.get(line));
                if (!dump.find())
                {
                    break;
                }
                // Only the first min(16, remaining) tokens are hex; what follows is the printable column.
                final String[] tokens = dump.group(1).strip().split(" +");
                final int wanted = Math.min(BYTES_PER_DUMP_LINE, length - hex.length() / 2);
                for (int t = 0; t < wanted && t < tokens.length; t++)
                {
                    hex.append(tokens[t].toLowerCase(java.util.Locale.ROOT));
                }
                line++;
            }
            if (hex.length() == 2 * length && isHex(hex))
            {
                keys.put(header.group(1), hex.toString());
            }
        }
        return keys;
    }

    private static boolean isHex(final CharSequence text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (!HexFormat.isHexDigit(text.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }
}
