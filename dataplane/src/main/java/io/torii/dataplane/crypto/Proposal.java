package io.torii.dataplane.crypto;

import java.util.Locale;
import java.util.Optional;

/**
 * One ESP or AH proposal written with strongSwan's keywords, such as {@code aes128gcm16},
 * {@code aes256-sha256}, {@code aes128gcm16-esn} or, for AH, {@code sha384}.
 *
 * <p>Key-exchange groups ({@code modp2048}, {@code ecp256}, {@code x25519}, ...) are accepted
 * and kept aside: they matter to IKE's CREATE_CHILD_SA, not to the packet engine. Algorithms
 * RFC 8221 forbids or deprecates are refused with the reason and what to use instead.
 *
 * @param encryption the encryption algorithm; {@link EncryptionAlgorithm#NULL} for AH.
 * @param integrity the integrity algorithm; {@link IntegrityAlgorithm#NONE} for combined modes.
 * @param esn {@code esn} or {@code noesn} when the proposal says, empty when it does not.
 */
public record Proposal(EncryptionAlgorithm encryption, IntegrityAlgorithm integrity, Optional<Boolean> esn)
{
    /**
     * @param text the proposal, keywords separated by '-'.
     * @param ah true to parse an AH proposal (integrity only).
     * @return the proposal.
     * @throws IllegalArgumentException naming the keyword that is wrong and what was expected.
     */
    public static Proposal parse(final String text, final boolean ah)
    {
        EncryptionAlgorithm encryption = null;
        IntegrityAlgorithm integrity = null;
        Boolean esn = null;
        for (final String raw : text.strip().toLowerCase(Locale.ROOT).split("-", -1))
        {
            final String keyword = raw.strip();
            final Optional<EncryptionAlgorithm> enc = encryption(keyword);
            final Optional<IntegrityAlgorithm> integ = integrity(keyword);
            if (keyword.isEmpty())
            {
                throw new IllegalArgumentException("empty keyword in proposal '" + text + "'");
            }
            else if (enc.isPresent())
            {
                if (ah)
                {
                    throw new IllegalArgumentException("AH has no encryption, but proposal '" + text +
                        "' names " + keyword + "; use an integrity algorithm alone, such as sha256");
                }
                if (encryption != null)
                {
                    throw new IllegalArgumentException("proposal '" + text + "' names two encryption algorithms");
                }
                encryption = enc.get();
            }
            else if (integ.isPresent())
            {
                if (integrity != null)
                {
                    throw new IllegalArgumentException("proposal '" + text + "' names two integrity algorithms");
                }
                integrity = integ.get();
            }
            else if (keyword.equals("esn") || keyword.equals("noesn"))
            {
                if (esn != null)
                {
                    throw new IllegalArgumentException("proposal '" + text + "' names esn or noesn twice; a static " +
                        "SA uses one of them");
                }
                esn = keyword.equals("esn");
            }
            else if (!isKeyExchange(keyword))
            {
                throw new IllegalArgumentException(unknown(keyword, text));
            }
        }
        return complete(text, ah, encryption, integrity, esn);
    }

    private static Proposal complete(final String text, final boolean ah, final EncryptionAlgorithm encryption,
        final IntegrityAlgorithm integrity, final Boolean esn)
    {
        if (ah)
        {
            if (integrity == null)
            {
                throw new IllegalArgumentException("AH proposal '" + text + "' needs an integrity algorithm: " +
                    "sha256, sha384 or sha512");
            }
            return new Proposal(EncryptionAlgorithm.NULL, integrity, Optional.ofNullable(esn));
        }
        if (encryption == null)
        {
            throw new IllegalArgumentException("ESP proposal '" + text + "' needs an encryption algorithm " +
                "(aes128gcm16, aes256gcm16, chacha20poly1305, aes128, aes256, aes128gmac, aes256gmac or null)");
        }
        if (encryption.isCombinedMode() && integrity != null)
        {
            throw new IllegalArgumentException("proposal '" + text + "': " + encryption.keyword() +
                " authenticates by itself and takes no integrity algorithm (" + integrity.keyword() + ")");
        }
        if (!encryption.isCombinedMode() && integrity == null)
        {
            throw new IllegalArgumentException("proposal '" + text + "': " + encryption.keyword() +
                " needs an integrity algorithm: sha256, sha384 or sha512");
        }
        return new Proposal(encryption, integrity == null ? IntegrityAlgorithm.NONE : integrity,
            Optional.ofNullable(esn));
    }

    private static Optional<EncryptionAlgorithm> encryption(final String keyword)
    {
        // strongSwan's aliases: the ICV length in bits, or none for the 16-byte default.
        final String canonical = switch (keyword)
        {
            case "aes128gcm", "aes128gcm128" -> "aes128gcm16";
            case "aes256gcm", "aes256gcm128" -> "aes256gcm16";
            case "aes" -> "aes128";
            default -> keyword;
        };
        for (final EncryptionAlgorithm algorithm : EncryptionAlgorithm.values())
        {
            if (algorithm.keyword().equals(canonical))
            {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private static Optional<IntegrityAlgorithm> integrity(final String keyword)
    {
        final String canonical = switch (keyword)
        {
            case "sha2_256" -> "sha256";
            case "sha2_384" -> "sha384";
            case "sha2_512" -> "sha512";
            default -> keyword;
        };
        for (final IntegrityAlgorithm algorithm : IntegrityAlgorithm.values())
        {
            if (algorithm != IntegrityAlgorithm.NONE && algorithm.keyword().equals(canonical))
            {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private static boolean isKeyExchange(final String keyword)
    {
        return keyword.matches("modp\\d+(s\\d+)?|ecp\\d+(bp)?|x25519|x448|curve25519|curve448|mlkem\\d+|none");
    }

    private static String unknown(final String keyword, final String text)
    {
        if (keyword.equals("des") || keyword.equals("3des") || keyword.startsWith("blowfish") ||
            keyword.equals("cast128") || keyword.equals("des_iv32") || keyword.equals("des_iv64"))
        {
            return "proposal '" + text + "': " + keyword + " is refused: RFC 8221 says MUST NOT (DES) or " +
                "SHOULD NOT (3DES, Blowfish: 64-bit blocks leak plaintext after a few GB, Sweet32); " +
                "use aes128gcm16, aes256gcm16 or chacha20poly1305";
        }
        if (keyword.equals("md5") || keyword.equals("sha1") || keyword.equals("sha") || keyword.equals("md5_128") ||
            keyword.equals("sha1_160") || keyword.equals("aesxcbc"))
        {
            return "proposal '" + text + "': " + keyword + " is not supported: use sha256, sha384 or sha512 " +
                "(RFC 8221), or a combined mode such as aes128gcm16";
        }
        if (keyword.matches("aes(128|192|256)gcm(8|12|64|96)"))
        {
            return "proposal '" + text + "': " + keyword + " has a short ICV, which Torii does not offer " +
                "(RFC 8221 recommends 16 bytes); use " + keyword.replaceAll("gcm\\d+$", "gcm16");
        }
        return "proposal '" + text + "': unknown keyword '" + keyword + "'; expected one of aes128gcm16, " +
            "aes256gcm16, chacha20poly1305, aes128, aes256, aes128gmac, aes256gmac, null, sha256, sha384, " +
            "sha512, esn, noesn or a key-exchange group";
    }
}
