package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.util.Objects;

/**
 * Access to a private key of the {@code secrets} section: the passphrase of an encrypted key file
 * ({@code private}, {@code rsa}, {@code ecdsa}, {@code pkcs8}, {@code pkcs12} sections), or a key on a
 * PKCS#11 token ({@code token} sections). Strings not set are empty.
 *
 * @param kind the section prefix: private, rsa, ecdsa, pkcs8, pkcs12 or token.
 * @param name the section name.
 * @param location where the section was opened.
 * @param file the key file, relative to the kind's directory under /etc/swanctl or absolute; empty
 *        for tokens.
 * @param handle the hex CKA_ID of a token key; empty for files.
 * @param slot the token slot, or -1 when not set.
 * @param module the PKCS#11 module name; empty when not set.
 * @param secret the passphrase or PIN as written (not hex or Base64 decoded); empty when not set.
 */
public record PrivateKeySecret(
    String kind,
    String name,
    SettingsLocation location,
    String file,
    String handle,
    long slot,
    String module,
    SecretValue secret)
{
    /**
     * Checks that no part is missing.
     */
    public PrivateKeySecret
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(secret, "secret");
    }

    /** @return everything but the secret. */
    @Override
    public String toString()
    {
        return "PrivateKeySecret[" + kind + " " + name + " at " + location + ", file " + file + ", handle " +
            handle + ", slot " + slot + ", module " + module + ", " + secret + "]";
    }
}
