package io.torii.interop;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code strongswan.conf} of one test instance.
 *
 * <p>Why each setting is there:
 * <ul>
 * <li>{@code kernel-libipsec} comes before {@code kernel-netlink}: this kernel has no ESP, the first IPsec
 *     backend loaded wins, and kernel-netlink is still needed for addresses and routes. libipsec moves ESP
 *     through a TUN device {@code ipsec0} and always encapsulates it in UDP (RFC 3948).</li>
 * <li>An explicit plugin list, so nothing from {@code /etc/strongswan.d} is read: PSK, X.509 with RSA and
 *     ECDSA (openssl, x509, pem, pkcs1, pkcs8, pubkey, constraints, gmp), AES-GCM and ChaCha20-Poly1305
 *     (openssl, aes, gcm, chapoly), x25519 (curve25519, openssl) and curve448 (openssl).</li>
 * <li>The vici socket lives in the instance's directory, so several charons on one machine never share one.</li>
 * <li>Threads stay at the default 16: libipsec and vici hold ten, and with eight or fewer
 *     {@code swanctl --load-all} hangs.</li>
 * <li>Where strongSwan has the {@code save-keys} plugin (not in Debian's 5.9.8), it writes Wireshark's IKE
 *     and ESP key tables into a folder of the instance.</li>
 * <li>{@code dos_protection = no}: tests open many IKE SAs from one address, which would otherwise get
 *     cookies after three half-open SAs.</li>
 * <li>Whatever else a test sets for charon, such as {@code fragment_size}, after those.</li>
 * </ul>
 */
final class StrongSwanConf
{
    static final String PLUGINS = "kernel-libipsec kernel-netlink socket-default vici nonce random drbg pem pkcs1 " +
        "pkcs8 x509 pubkey constraints openssl aes gcm chapoly curve25519 sha1 sha2 hmac kdf gmp";

    private StrongSwanConf()
    {
    }

    /**
     * @param socket the vici socket's path.
     * @param log the log file's path.
     * @param logIkeKeys whether IKE logs at level 4, which prints the derived keys.
     * @param wiresharkKeys where save-keys writes, when the plugin exists.
     * @param charonOptions more settings for the charon section, one per line; empty for none.
     * @return the configuration text.
     */
    static String render(final Path socket, final Path log, final boolean logIkeKeys,
        final Optional<Path> wiresharkKeys, final String charonOptions)
    {
        final String extra = charonOptions.lines().map(line -> "  " + line.strip() + "\n")
            .collect(java.util.stream.Collectors.joining());
        final String plugins = wiresharkKeys.isPresent() ? PLUGINS + " save-keys" : PLUGINS;
        final String saveKeys = wiresharkKeys.map(dir -> """
                save-keys {
                  ike = yes
                  esp = yes
                  wireshark_keys = %s
                }
            """.formatted(dir)).orElse("");
        return """
            charon {
              load = %s
              dos_protection = no
            %s  plugins {
                vici {
                  socket = unix://%s
                }
            %s  }
              filelog {
                torii {
                  path = %s
                  time_format = %%T
                  append = no
                  flush_line = yes
                  default = 1
                  ike = %d
                  cfg = 1
                  knl = 1
                  net = 1
                  enc = 1
                }
              }
            }
            swanctl {
              socket = unix://%s
            }
            """.formatted(plugins, extra, socket, saveKeys, log, logIkeKeys ? 4 : 2, socket);
    }
}
