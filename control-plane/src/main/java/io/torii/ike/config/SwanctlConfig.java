package io.torii.ike.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Everything a swanctl.conf says, typed, with strongSwan's defaults applied.
 *
 * @param connections the connections by name, in file order.
 * @param sharedSecrets the IKE, EAP, XAuth, NTLM and PPK secrets, in file order.
 * @param privateKeys the private key passphrases and token keys, in file order.
 * @param authorities the certification authorities by name, in file order.
 * @param pools the virtual IP pools by name, in file order.
 */
public record SwanctlConfig(
    SequencedMap<String, IkeConnection> connections,
    List<SharedSecret> sharedSecrets,
    List<PrivateKeySecret> privateKeys,
    SequencedMap<String, Authority> authorities,
    SequencedMap<String, AddressPool> pools)
{
    /**
     * Copies the maps and lists.
     */
    public SwanctlConfig
    {
        connections = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(connections));
        sharedSecrets = List.copyOf(sharedSecrets);
        privateKeys = List.copyOf(privateKeys);
        authorities = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(authorities));
        pools = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(pools));
    }

    /**
     * Zeroes every secret; call it once the secrets have been handed on or are no longer needed.
     */
    public void destroySecrets()
    {
        sharedSecrets.forEach(secret -> secret.secret().destroy());
        privateKeys.forEach(key -> key.secret().destroy());
    }
}
