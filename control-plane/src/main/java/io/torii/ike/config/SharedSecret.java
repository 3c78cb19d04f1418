package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.util.List;
import java.util.Objects;

/**
 * A shared secret of the {@code secrets} section: an IKE pre-shared key ({@code ike<suffix>}), an EAP or
 * XAuth password ({@code eap<suffix>}, {@code xauth<suffix>}), an NT hash ({@code ntlm<suffix>}) or a
 * postquantum preshared key ({@code ppk<suffix>}), and the identities it belongs to.
 *
 * @param type what the secret is for.
 * @param name the section name, such as {@code ike-gw2}.
 * @param location where the section was opened.
 * @param ids the identities from the {@code id<suffix>} keys, in file order; empty matches any peer.
 * @param secret the decoded secret.
 */
public record SharedSecret(Type type, String name, SettingsLocation location, List<String> ids, SecretValue secret)
{
    /** What a shared secret is for, by its section prefix. */
    public enum Type
    {
        /** IKE pre-shared key. */
        IKE,
        /** EAP password; also used for XAuth. */
        EAP,
        /** XAuth password, an alias of EAP in strongSwan. */
        XAUTH,
        /** NT hash for EAP-MSCHAPv2. */
        NTLM,
        /** Postquantum preshared key (RFC 8784). */
        PPK
    }

    /**
     * Copies the identities and checks that no part is missing.
     */
    public SharedSecret
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        ids = List.copyOf(ids);
        Objects.requireNonNull(secret, "secret");
    }

    /** @return the type, name, location and identities; never the secret. */
    @Override
    public String toString()
    {
        return "SharedSecret[" + type + " " + name + " at " + location + ", ids " + ids + ", " + secret + "]";
    }
}
