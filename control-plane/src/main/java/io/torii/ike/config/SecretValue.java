package io.torii.ike.config;

import io.torii.dataplane.config.SettingsValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Secret bytes from swanctl.conf: a pre-shared key, an EAP password, a PPK or a passphrase. Held in an
 * array of its own that {@link #destroy} zeroes, never shown by {@link #toString}. The text it was
 * read from lives on in the parsed settings tree, which Java cannot wipe; drop the tree after reading.
 */
public final class SecretValue
{
    private final byte[] bytes;

    private SecretValue(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    /**
     * @param bytes the secret, copied.
     * @return the secret.
     */
    public static SecretValue of(final byte[] bytes)
    {
        return new SecretValue(bytes.clone());
    }

    /**
     * Decodes a secret as swanctl does: {@code 0x} then hex digits, {@code 0s} then Base64, anything
     * else the string's own bytes (UTF-8). The prefixes ignore case.
     *
     * @param value the setting.
     * @return the secret.
     */
    static SecretValue decode(final SettingsValue value)
    {
        final String text = value.value();
        final String prefix = text.length() >= 2 ? text.substring(0, 2).toLowerCase(Locale.ROOT) : "";
        if (prefix.equals("0x"))
        {
            try
            {
                return new SecretValue(HexFormat.of().parseHex(text.substring(2)));
            }
            catch (final IllegalArgumentException ex)
            {
                // The message would quote the secret; say only what is wrong.
                throw value.error("expected an even number of hex digits after 0x");
            }
        }
        if (prefix.equals("0s"))
        {
            try
            {
                return new SecretValue(Base64.getDecoder().decode(text.substring(2)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw value.error("expected Base64 (RFC 4648 §4, with padding) after 0s");
            }
        }
        return plain(value);
    }

    /**
     * @param value the setting.
     * @return the string's UTF-8 bytes, undecoded, as passphrases and PINs are read.
     */
    static SecretValue plain(final SettingsValue value)
    {
        return new SecretValue(value.value().getBytes(StandardCharsets.UTF_8));
    }

    /** @return a copy of the secret; the caller zeroes it when done. */
    public byte[] bytes()
    {
        return bytes.clone();
    }

    /** @return the secret's length in bytes. */
    public int length()
    {
        return bytes.length;
    }

    /**
     * @param other bytes to compare.
     * @return true when they equal the secret, compared in time that does not depend on where they differ.
     */
    public boolean matches(final byte[] other)
    {
        return MessageDigest.isEqual(bytes, other);
    }

    /** Zeroes the secret; it reads as zeros afterwards. */
    public void destroy()
    {
        Arrays.fill(bytes, (byte)0);
    }

    /** @return the length only, never the secret. */
    @Override
    public String toString()
    {
        return "SecretValue[" + bytes.length + " bytes]";
    }
}
