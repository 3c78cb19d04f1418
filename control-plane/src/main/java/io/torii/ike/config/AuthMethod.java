package io.torii.ike.config;

import io.torii.dataplane.config.SettingsValue;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code auth} of an authentication round: its class, and what swanctl.conf appends to it, kept
 * as strings for the authentication code to interpret: signature and trust chain constraints such as
 * {@code pubkey-sha256}, {@code ike:rsa/pss-sha384} or {@code rsa-2048-ecdsa-256}, an EAP method
 * such as {@code eap-tls:ecdsa-384-sha384}, an XAuth backend such as {@code xauth-pam}.
 *
 * @param authClass the class of authentication.
 * @param text the value as written.
 * @param method the EAP method or XAuth backend after the first dash; empty when none.
 * @param constraints for public keys the whole value (the constraint syntax), for EAP what follows
 *        the colon; empty when none.
 */
public record AuthMethod(AuthClass authClass, String text, String method, String constraints)
{
    /** The default of both local and remote rounds. */
    public static final AuthMethod PUBKEY = new AuthMethod(AuthClass.PUBKEY, "pubkey", "", "pubkey");

    /** The classes strongSwan sorts {@code auth} values into. */
    public enum AuthClass
    {
        /** A signature with a private key: {@code pubkey}, {@code rsa...}, {@code ecdsa...}, {@code ike:...}. */
        PUBKEY,
        /** A pre-shared key: {@code psk}. */
        PSK,
        /** EAP (IKEv2): {@code eap} or {@code eap-<method>}. */
        EAP,
        /** XAuth (IKEv1 only): {@code xauth} or {@code xauth-<backend>}; not implemented by Torii. */
        XAUTH
    }

    /**
     * Checks that no part is missing.
     */
    public AuthMethod
    {
        Objects.requireNonNull(authClass, "authClass");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(constraints, "constraints");
    }

    static AuthMethod read(final SettingsValue value)
    {
        final String text = value.value();
        final String lower = text.toLowerCase(Locale.ROOT);
        // The prefixes strongSwan takes as public key authentication with constraints.
        if (lower.startsWith("ike:") || lower.startsWith("pubkey") || lower.startsWith("rsa") ||
            lower.startsWith("ecdsa") || lower.startsWith("ed25519") || lower.startsWith("ed448") ||
            lower.startsWith("bliss"))
        {
            return new AuthMethod(AuthClass.PUBKEY, text, "", text);
        }
        if (lower.equals("psk"))
        {
            return new AuthMethod(AuthClass.PSK, text, "", "");
        }
        if (lower.startsWith("xauth"))
        {
            final int dash = text.indexOf('-');
            return new AuthMethod(AuthClass.XAUTH, text, dash < 0 ? "" : text.substring(dash + 1), "");
        }
        if (lower.startsWith("eap"))
        {
            final int colon = text.indexOf(':');
            final String name = colon < 0 ? text : text.substring(0, colon);
            final int dash = name.indexOf('-');
            return new AuthMethod(AuthClass.EAP, text, dash < 0 ? "" : name.substring(dash + 1),
                colon < 0 ? "" : text.substring(colon + 1));
        }
        throw value.error("expected pubkey (or rsa, ecdsa, ike:... with constraints), psk, eap[-method] or " +
            "xauth[-backend], found '" + text + "'");
    }
}
